// Log throughput from a container to the renderer: a job printing 50,000 lines run through
// Dockwright (web mode, headless Chromium), timed until the Logs panel counts all of them, with
// the page's frame times during the burst; beside it, `docker run -d` + `docker logs -f` of the running
// container (its first line to its last, as the panel is timed). Prints one JSON line. Run: npm run bench
// log-render (or, for more rounds, node scripts/run-ts.mjs bench/log-render.bench.ts ROUNDS)
// (needs a build, /usr/bin/chromium and the test images). BENCH_CPU_PROFILE=FILE saves the
// renderer's CPU profile of the last round, BENCH_TRACE=FILE a Chromium trace of it (both open in
// Chrome's DevTools).
import { chromium, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { CHROMIUM_ARGS } from '../e2e/playwright.config';
import { print } from './stats';
import { startWeb } from './web-server';

const LINES = 50_000;
const IMAGE = 'dockwright-test/busybox:1';
const rounds = Number(process.argv[2] ?? 1);
/*
 * The burst starts a second after the container does, so that both readers follow it live from its
 * first line (the engine writing its log file as the container prints): a reader that comes late
 * reads most of it from the file at once instead, which is not what the panel shows.
 */
const BURST = ['sh', '-c', `sleep 1; seq 1 ${LINES}`];
const root = path.resolve(import.meta.dirname, '..');

declare global {
  interface Window {
    __logBench?: { frames: [number, number][]; start: number; first?: number; done?: number; stop: boolean };
  }
}

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function removeProject(project: string): void {
  const filter = `label=dockwright.project=${project}`;
  const containers = docker('ps', '-aq', '--filter', filter).split('\n').filter(Boolean);
  if (containers.length > 0) docker('rm', '-f', ...containers);
  for (const network of docker('network', 'ls', '-q', '--filter', filter).split('\n').filter(Boolean))
    docker('network', 'rm', network);
}

/**
 * `docker run -d` then `docker logs -f` of the running container, its output read and thrown away:
 * ms until the stream ends, and from its first line to its last (what `docker logs -f` shows of a
 * live burst: the engine writing its log file as the container prints, as for Dockwright's panel).
 * Then the same lines again from the finished container: the engine's read speed alone.
 */
async function dockerBaseline(): Promise<{ totalMs: number; followMs: number; finishedReadMs: number }> {
  const started = performance.now();
  const id = docker('run', '-d', '--label', 'dockwright-bench=log-render', IMAGE, ...BURST);
  try {
    const follow = () =>
      new Promise<{ firstAt: number; endAt: number }>((resolve, reject) => {
        const child = spawn('docker', ['logs', '-f', id], { stdio: ['ignore', 'pipe', 'ignore'] });
        let firstAt: number | undefined;
        child.stdout.on('data', () => {
          firstAt ??= performance.now();
        });
        child.once('error', reject);
        child.once('close', (code) => {
          const endAt = performance.now();
          if (code === 0) resolve({ firstAt: firstAt ?? endAt, endAt });
          else reject(new Error(`docker logs: ${code}`));
        });
      });
    const live = await follow();
    const totalMs = live.endAt - started;
    const again = await follow();
    return { totalMs, followMs: live.endAt - live.firstAt, finishedReadMs: again.endAt - again.firstAt };
  } finally {
    docker('rm', '-f', id);
  }
}

async function openTopology(page: Page, dataDir: string, project: string): Promise<void> {
  mkdirSync(path.join(dataDir, 'topologies'), { recursive: true });
  writeFileSync(
    path.join(dataDir, 'topologies', `${project}.yaml`),
    stringify({
      apiVersion: 'dockwright.dev/v1alpha2',
      kind: 'Topology',
      metadata: { name: project },
      spec: { nodes: { burst: { kind: 'job', image: IMAGE, command: BURST } } },
    }),
  );
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Open' })
    .getByRole('button', { name: `${project}.yaml` })
    .click();
  await page.getByRole('button', { name: 'Run', exact: true }).and(page.locator(':enabled')).waitFor();
}

interface Round {
  /** Click on Run to the panel counting every line. */
  totalMs: number;
  /** First line shown to the last: the transport and the panel alone. */
  readMs: number;
  frames: number;
  frameMeanMs: number;
  frameP95Ms: number;
  frameMaxMs: number;
}

async function dockwrightRound(page: Page, dataDir: string, round: number, profile: boolean): Promise<Round> {
  const project = `bench-logs-${Date.now().toString(36)}-${round}`;
  try {
    await openTopology(page, dataDir, project);
    await page.getByRole('tab', { name: 'Logs' }).click();
    // Count stdout only: the node's own output, not Dockwright's system lines about it.
    for (const stream of ['stderr', 'system']) await page.getByRole('checkbox', { name: stream }).uncheck();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    const cdp = profile ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    await page.evaluate((lines) => {
      const bench = { frames: [], start: performance.now(), stop: false } as NonNullable<
        Window['__logBench']
      >;
      window.__logBench = bench;
      const count = document.querySelector('[data-testid="log-count"]');
      const want = `${lines.toLocaleString('en-US')} lines`;
      let last = bench.start;
      const tick = (now: number) => {
        bench.frames.push([now, now - last]);
        last = now;
        const text = count?.textContent ?? '';
        if (bench.first === undefined && text !== '0 lines') bench.first = now;
        if (text === want) bench.done = now;
        if (!bench.stop && bench.done === undefined) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, LINES);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => window.__logBench?.done !== undefined, undefined, {
      timeout: 120_000,
      polling: 250,
    });
    if (cdp) {
      const { profile: data } = await cdp.send('Profiler.stop');
      writeFileSync(process.env.BENCH_CPU_PROFILE!, JSON.stringify(data));
    }
    const bench = await page.evaluate(() => window.__logBench!);
    // The frames of the burst: from the first line shown to the last.
    const first = bench.first ?? bench.start;
    const gaps = bench.frames
      .filter(([at]) => at > first)
      .map(([, gap]) => gap)
      .sort((a, b) => a - b);
    const round2 = (n: number) => Math.round(n * 100) / 100;
    return {
      totalMs: Math.round(bench.done! - bench.start),
      readMs: Math.round(bench.done! - (bench.first ?? bench.start)),
      frames: gaps.length,
      frameMeanMs: round2(gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length)),
      frameP95Ms: round2(gaps[Math.floor(gaps.length * 0.95)] ?? Number.NaN),
      frameMaxMs: round2(gaps.at(-1) ?? Number.NaN),
    };
  } finally {
    removeProject(project);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
const server = await startWeb(
  'dw-bench-logs-',
  // BENCH_SERVER_NODE_ARGS: options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`.
  process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(server.url);
  const ours: Round[] = [];
  const theirs: { totalMs: number; followMs: number; finishedReadMs: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate, so drift in the machine's load hits both alike.
    theirs.push(await dockerBaseline());
    const last = round === rounds - 1;
    const trace = last ? process.env.BENCH_TRACE : undefined;
    if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
    ours.push(
      await dockwrightRound(page, server.dataDir, round, last && Boolean(process.env.BENCH_CPU_PROFILE)),
    );
    if (trace) await browser.stopTracing();
  }
  const pick = <T>(rows: T[], key: keyof T) => median(rows.map((row) => row[key] as number));
  const dockwright = {
    totalMs: pick(ours, 'totalMs'),
    readMs: pick(ours, 'readMs'),
    linesPerSecond: Math.round(LINES / (pick(ours, 'readMs') / 1000)),
    frames: pick(ours, 'frames'),
    frameMeanMs: pick(ours, 'frameMeanMs'),
    frameP95Ms: pick(ours, 'frameP95Ms'),
    frameMaxMs: pick(ours, 'frameMaxMs'),
  };
  const dockerLogs = {
    totalMs: Math.round(pick(theirs, 'totalMs')),
    followMs: Math.round(pick(theirs, 'followMs')),
    linesPerSecond: Math.round(LINES / (pick(theirs, 'followMs') / 1000)),
    finishedReadMs: Math.round(pick(theirs, 'finishedReadMs')),
  };
  print({
    bench: 'log-render',
    lines: LINES,
    rounds,
    dockwright,
    dockerLogs,
    ratio: {
      // Run clicked -> all lines on screen, versus docker run -d -> docker logs -f done.
      total: Math.round((dockwright.totalMs / dockerLogs.totalMs) * 100) / 100,
      // First line shown -> last, versus docker logs -f's first line of the running container -> last.
      read: Math.round((dockwright.readMs / dockerLogs.followMs) * 100) / 100,
    },
  });
} finally {
  await browser.close();
  await server.stop();
}
