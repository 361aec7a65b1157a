// The editor canvas against a bare React Flow page on the same 1,000-node, 1,500-edge graph, in
// headless Chromium: time to first render (every node shown and every edge drawn, after the first
// fit; also when all nodes are merely in the DOM), and frame times while panning and while
// dragging a node. Pages alternate round by round; medians of the rounds, and their ratios.
// Run: npm run bench editor-canvas  (or node scripts/run-ts.mjs bench/editor-canvas.bench.ts ROUNDS;
// needs /usr/bin/chromium). BENCH_TRACE=PREFIX saves Chromium traces of each page's last round as
// PREFIX.bare.json and PREFIX.dockwright.json (open them in Chrome's DevTools, Performance tab).
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../e2e/playwright.config';
import { print } from './stats';

const rounds = Number(process.argv[2] ?? 5);
const allPages = { bare: 'bare-page.tsx', dockwright: 'canvas-page.tsx' } as const;
// BENCH_PAGES=bare runs one side only (for a quick look).
const only = process.env.BENCH_PAGES?.split(',');
const pages = Object.fromEntries(
  Object.entries(allPages).filter(([name]) => !only || only.includes(name)),
) as typeof allPages;
type PageName = keyof typeof pages;

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(pages).map(([name, file]) => [name, path.join(import.meta.dirname, 'editor', file)]),
    ),
    outdir: dir,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    logLevel: 'warning',
  });
  for (const name of Object.keys(pages)) {
    writeFileSync(
      path.join(dir, `${name}.html`),
      `<!doctype html><html><head><link rel="stylesheet" href="${name}.css"></head>` +
        `<body style="margin:0"><div id="root"></div><script type="module" src="${name}.js"></script></body></html>`,
    );
  }
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Round {
  nodesInDomMs: number;
  firstRenderMs: number;
  panFrameMs: number;
  panP95Ms: number;
  dragFrameMs: number;
  dragP95Ms: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function record(page: Page, name: string, gesture: () => Promise<void>): Promise<number[]> {
  await page.evaluate((mark) => {
    performance.mark(`bench:${mark}`);
    window.__bench.frames = [];
    window.__bench.recording = true;
  }, name);
  await gesture();
  return page.evaluate((mark) => {
    performance.mark(`bench:${mark}-end`);
    window.__bench.recording = false;
    return window.__bench.frames.slice(1);
  }, name);
}

/** Each page's own pan gesture: React Flow's default is the left button; the editor keeps the
 * left button for box selection and pans with the middle (or right) one. */
const PAN_BUTTON: Record<PageName, 'left' | 'middle'> = { bare: 'left', dockwright: 'middle' };

async function measurePage(page: Page, url: string, panButton: 'left' | 'middle'): Promise<Round> {
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.firstRenderMs !== undefined, undefined, {
    timeout: 180_000,
    polling: 100,
  });
  const { firstRenderMs, nodesInDomMs } = await page.evaluate(() => ({
    firstRenderMs: window.__bench.firstRenderMs!,
    nodesInDomMs: window.__bench.nodesInDomMs!,
  }));
  const viewport = page.viewportSize()!;
  const pan = await record(page, 'pan', async () => {
    // Panning from an empty spot of the pane: between grid rows.
    await page.mouse.move(viewport.width / 2, 8);
    await page.mouse.down({ button: panButton });
    for (let i = 0; i < 60; i++) await page.mouse.move(viewport.width / 2 - i * 6, 8 + i * 3);
    await page.mouse.up({ button: panButton });
  });
  const node = page.locator('.react-flow__node').first();
  const box = (await node.boundingBox())!;
  const drag = await record(page, 'drag', async () => {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i < 60; i++)
      await page.mouse.move(box.x + box.width / 2 + i * 4, box.y + box.height / 2 + i * 2);
    await page.mouse.up();
  });
  return {
    nodesInDomMs,
    firstRenderMs,
    panFrameMs: mean(pan),
    panP95Ms: p95(pan),
    dragFrameMs: mean(drag),
    dragP95Ms: p95(drag),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'dockwright-bench-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  await bundle(dir);
  const server = await serve(dir);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const results: Record<PageName, Round[]> = { bare: [], dockwright: [] };
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  for (let r = 0; r < rounds; r++) {
    // Alternate, so drift in the machine's load hits both pages alike.
    for (const name of Object.keys(pages) as PageName[]) {
      const page = await context.newPage();
      const prefix = r === rounds - 1 ? process.env.BENCH_TRACE : undefined;
      const trace = prefix ? `${prefix}.${name}.json` : undefined;
      if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
      results[name].push(await measurePage(page, `${base}/${name}.html`, PAN_BUTTON[name]));
      if (trace) await browser.stopTracing();
      await page.close();
    }
  }
  server.close();
  const summary = (name: PageName) => {
    const rs = results[name];
    return {
      nodesInDomMs: round2(median(rs.map((r) => r.nodesInDomMs))),
      firstRenderMs: round2(median(rs.map((r) => r.firstRenderMs))),
      panFrameMs: round2(median(rs.map((r) => r.panFrameMs))),
      panP95Ms: round2(median(rs.map((r) => r.panP95Ms))),
      dragFrameMs: round2(median(rs.map((r) => r.dragFrameMs))),
      dragP95Ms: round2(median(rs.map((r) => r.dragP95Ms))),
    };
  };
  const bare = summary('bare');
  const ours = summary('dockwright');
  print({
    bench: 'editor-canvas',
    nodes: 1000,
    edges: 1500,
    rounds,
    firstRenderByRound: {
      bare: results.bare.map((r) => Math.round(r.firstRenderMs)),
      dockwright: results.dockwright.map((r) => Math.round(r.firstRenderMs)),
    },
    bare,
    dockwright: ours,
    ratio: {
      firstRender: round2(ours.firstRenderMs / bare.firstRenderMs),
      nodesInDom: round2(ours.nodesInDomMs / bare.nodesInDomMs),
      panFrame: round2(ours.panFrameMs / bare.panFrameMs),
      dragFrame: round2(ours.dragFrameMs / bare.dragFrameMs),
    },
    target: { firstRender: 1.2, panFrame: 1.1, dragFrame: 1.1 },
  });
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
