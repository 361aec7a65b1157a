// Footprint of the web mode over a long session: `dockwright web` runs 20 services (each printing a
// line every 5 s) opened in Chromium with the Logs and Metrics panels open, for N minutes (default
// 30). Prints one JSON line: the server process's RSS at the end and at its highest, and its CPU
// use (the "idle" figure: nothing is being clicked) over a minute with the Logs panel shown, then
// over the last minute with the Metrics panel shown (the containers' usage is read only then),
// beside the targets (300 MB, 1 %). The browser's own memory is not counted (it is the browser's).
// Run: node scripts/run-ts.mjs bench/footprint.bench.ts [minutes] (after `npm run build`)
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { stringify } from 'yaml';
import { CHROMIUM_ARGS } from '../e2e/playwright.config';
import { BUSYBOX_IMAGE } from '../electron/testing/test-images';
import { print } from './stats';
import { startWeb } from './web-server';

const MINUTES = Number(process.argv[2] ?? 30);
const SERVICES = 20;
const root = path.resolve(import.meta.dirname, '..');
const project = `bench-footprint-${Date.now().toString(36)}`;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a process, in MB (`VmRSS` of /proc/PID/status). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round((Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024) * 10) / 10;
}

/** CPU time a process used so far, in seconds (utime + stime of /proc/PID/stat, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function removeProject(): void {
  const filter = `label=dockwright.project=${project}`;
  const containers = docker('ps', '-aq', '--filter', filter).split('\n').filter(Boolean);
  if (containers.length > 0) docker('rm', '-f', ...containers);
  for (const network of docker('network', 'ls', '-q', '--filter', filter).split('\n').filter(Boolean))
    docker('network', 'rm', network);
}

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
/**
 * The server's live heap after a full garbage collection, in MB, through its inspector: what is
 * still referenced, which RSS (memory the process holds, collected or not) does not tell.
 */
async function heapAfterGcMb(inspectorUrl: string): Promise<number> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const text = Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(data as Buffer[]).toString('utf8');
        const message = JSON.parse(text) as { id?: number; result?: Record<string, number> };
        if (message.id !== mine) return;
        socket.off('message', onMessage);
        if (message.result) resolve(message.result);
        else reject(new Error(`${method} failed: ${text}`));
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: mine, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Math.round(((usage.usedSize ?? 0) / 1024 / 1024) * 10) / 10;
  } finally {
    socket.close();
  }
}

const server = await startWeb('dw-bench-footprint-', [
  // The inspector, for the live heap (nothing attaches until it is read).
  '--inspect=127.0.0.1:0',
  // BENCH_SERVER_NODE_ARGS: options for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`.
  ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
]);
const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
if (!inspectorUrl) throw new Error(`no inspector address in the server's output:\n${server.output()}`);
const { url, pid, dataDir } = server;
mkdirSync(path.join(dataDir, 'topologies'));
const nodes = Object.fromEntries(
  Array.from({ length: SERVICES }, (_, i) => [
    `svc-${String(i + 1).padStart(2, '0')}`,
    {
      kind: 'service',
      image: BUSYBOX_IMAGE,
      command: ['sh', '-c', 'while :; do echo "tick $(date)"; sleep 5; done'],
      stopGracePeriod: '1s',
    },
  ]),
);
writeFileSync(
  path.join(dataDir, 'topologies', `${project}.yaml`),
  stringify({
    apiVersion: 'dockwright.dev/v1alpha2',
    kind: 'Topology',
    metadata: { name: project },
    spec: { nodes },
  }),
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Open' })
    .getByRole('button', { name: `${project}.yaml` })
    .click();
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.and(page.locator(':enabled')).waitFor();
  await run.click();
  // Every service running: the run has ended and Run can be clicked again.
  await run.and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
  const running = docker('ps', '-q', '--filter', `label=dockwright.project=${project}`)
    .split('\n')
    .filter(Boolean);
  if (running.length !== SERVICES) throw new Error(`${running.length} of ${SERVICES} services run`);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await page.getByRole('tab', { name: 'Logs' }).click();

  const endAt = Date.now() + MINUTES * 60_000;
  // Idle CPU is measured twice at the end, over a window each: with the Logs panel shown (the
  // containers' usage is then not read: no one looks at it), then with the Metrics panel shown.
  const window = Math.min(60_000, (MINUTES * 60_000) / 3);
  const logsWindowAt = endAt - 2 * window - 5_000;
  const metricsShownAt = endAt - window - 5_000;
  const metricsWindowAt = endAt - window;
  let rssMaxMb = 0;
  let cpuAtLogsWindow: number | undefined;
  let cpuAtMetricsShown: number | undefined;
  let cpuAtMetricsWindow: number | undefined;
  // The live heap twice: halfway (buffers bounded by time, such as the 5-minute event replay, are
  // full by then in a long run) and at the end, after the RSS is read (a full collection moves it).
  const heapAt = Date.now() + (MINUTES * 60_000) / 2;
  const heap: Array<{ minute: number; heapMb: number }> = [];
  const samples: Array<{ minute: number; rssMb: number }> = [];
  const startedAt = Date.now();
  while (Date.now() < endAt) {
    const now = Date.now();
    rssMaxMb = Math.max(rssMaxMb, rssMb(pid));
    if (cpuAtLogsWindow === undefined && now >= logsWindowAt) cpuAtLogsWindow = cpuSeconds(pid);
    if (cpuAtMetricsShown === undefined && now >= metricsShownAt) {
      cpuAtMetricsShown = cpuSeconds(pid);
      await page.getByRole('tab', { name: 'Metrics' }).click();
    }
    if (cpuAtMetricsWindow === undefined && now >= metricsWindowAt) cpuAtMetricsWindow = cpuSeconds(pid);
    if (heap.length === 0 && now >= heapAt)
      heap.push({
        minute: Math.round((now - startedAt) / 6_000) / 10,
        heapMb: await heapAfterGcMb(inspectorUrl),
      });
    const minute = Math.floor((now - startedAt) / 60_000);
    if (samples.at(-1)?.minute !== minute) samples.push({ minute, rssMb: rssMb(pid) });
    await sleep(1_000);
  }
  const cpuEnd = cpuSeconds(pid);
  const pct = (from: number | undefined, to: number | undefined, ms: number) =>
    from === undefined || to === undefined ? Number.NaN : Math.round(((to - from) / (ms / 1000)) * 1000) / 10;
  const idleCpuPct = pct(cpuAtLogsWindow, cpuAtMetricsShown, metricsShownAt - logsWindowAt);
  const idleCpuMetricsShownPct = pct(cpuAtMetricsWindow, cpuEnd, endAt - metricsWindowAt);
  const endRss = rssMb(pid);
  heap.push({
    minute: Math.round((Date.now() - startedAt) / 6_000) / 10,
    heapMb: await heapAfterGcMb(inspectorUrl),
  });
  print({
    bench: 'footprint',
    minutes: MINUTES,
    services: SERVICES,
    rssMb: endRss,
    rssMaxMb,
    idleCpuPct,
    idleCpuMetricsShownPct,
    cpuWindowSeconds: window / 1000,
    target: { rssMb: 300, idleCpuPct: 1 },
    met: endRss <= 300 && idleCpuPct <= 1 && idleCpuMetricsShownPct <= 1,
    rssByMinute: samples,
    liveHeapAfterGc: heap,
  });
} finally {
  await browser.close();
  await server.stop();
  removeProject();
}
