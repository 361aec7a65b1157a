// Log throughput, main-side half: lines a container wrote, read from the engine, demultiplexed,
// carried through the bounded log pump and the event hub, over the real WebSocket of the web mode
// to a client that validates every event against the contract (as the renderer does); versus
// `docker logs -f CONTAINER > /dev/null` on the very same container. Also the main side alone (to
// the pump's sink). Median of N rounds each. Prints one JSON line.
// Run: node scripts/run-ts.mjs bench/log-throughput.bench.ts [lines] [rounds]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createApi } from '../shared/ipc/api';
import { createWireTransport } from '../shared/ipc/wire-client';
import { createAppServices } from '../electron/app/services';
import { RunWatch } from '../electron/runs/run-watch';
import { startWebServer } from '../electron/server/web-server';
import { DEFAULT_WEB_LIMITS } from '../electron/server/web-limits';
import { webSocketWire } from '../electron/server/ws-wire';
import { silentLogger } from '../electron/common/logger';
import { BUSYBOX_IMAGE } from '../electron/testing/test-images';
import { print } from './stats';

const LINES = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 3);

execFileSync('bash', [path.resolve(import.meta.dirname, '..', 'scripts', 'test-images.sh')], {
  stdio: 'ignore',
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-logbench-'));
const services = createAppServices({ logger: silentLogger, dataDir, env: {} });
const server = await startWebServer({
  dispatcher: services.dispatcher,
  events: services.hub,
  logger: silentLogger,
});
const socket = new WebSocket(`${server.origin.replace('http:', 'ws:')}/api/ws`, {
  headers: { authorization: `Bearer ${server.token}` },
});
await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
const api = createApi(
  createWireTransport(webSocketWire(socket, { limits: DEFAULT_WEB_LIMITS, refusals: { refuse: () => {} } })),
  { transport: 'web', nativeDialogs: false },
);

const docker = services.engine.client;
const container = await docker.createContainer(`dw-logbench-${process.pid}`, {
  Image: BUSYBOX_IMAGE,
  Cmd: ['seq', '1', String(LINES)],
  Labels: { 'dockwright.bench': 'log-throughput' },
});
await docker.startContainer(container.id);
await docker.waitContainer(container.id);

/** Follows the container's whole log through a run's watch; resolves when `done` says so. */
async function throughDockwright(toClient: boolean): Promise<number> {
  let received = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const runId = `bench-${Math.random().toString(36).slice(2)}`;
  const count = () => {
    if (++received === LINES) finish();
  };
  const off = toClient
    ? api.subscribe('run.log', (line) => {
        if (line.runId === runId && line.stream === 'stdout') count();
      })
    : () => {};
  const watch = new RunWatch({
    resources: services.resources,
    project: 'bench',
    runId,
    clock: {
      now: Date.now,
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
    },
    logger: silentLogger,
    onLog: toClient ? (line) => services.hub.emit('run.log', line) : () => count(),
  });
  const start = performance.now();
  await watch.follow('bench', container.id, { tty: false, stats: false });
  await finished;
  const elapsed = performance.now() - start;
  off();
  watch.close();
  return elapsed;
}

function dockerLogs(): number {
  const start = performance.now();
  const result = spawnSync('sh', ['-c', `docker logs -f ${container.id} > /dev/null 2>&1`]);
  if (result.status !== 0) throw new Error('docker logs failed');
  return performance.now() - start;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const figures = { dockerLogs: [] as number[], mainSide: [] as number[], toClient: [] as number[] };
try {
  dockerLogs();
  await throughDockwright(true);
  for (let round = 0; round < ROUNDS; round++) {
    figures.dockerLogs.push(dockerLogs());
    figures.mainSide.push(await throughDockwright(false));
    figures.toClient.push(await throughDockwright(true));
  }
} finally {
  await docker.removeContainer(container.id, { force: true });
  api.close();
  await server.close();
  await services.dispose();
  rmSync(dataDir, { recursive: true, force: true });
}
const rate = (ms: number) => Math.round((LINES / ms) * 1000);
const dockerMs = median(figures.dockerLogs);
const mainMs = median(figures.mainSide);
const clientMs = median(figures.toClient);
print({
  name: 'log-throughput',
  lines: LINES,
  rounds: ROUNDS,
  dockerLogsMs: Math.round(dockerMs),
  mainSideMs: Math.round(mainMs),
  toWebSocketClientMs: Math.round(clientMs),
  dockerLogsLinesPerSec: rate(dockerMs),
  mainSideLinesPerSec: rate(mainMs),
  toWebSocketClientLinesPerSec: rate(clientMs),
  ratioMainSide: Math.round((mainMs / dockerMs) * 100) / 100,
  ratioToClient: Math.round((clientMs / dockerMs) * 100) / 100,
});
