// Fault injection, nothing lost: N randomized runs of one topology through the real CLI, each with
// a fault — a failing job, a job past its timeout, a cancel mid-run, SIGKILL of the Dockwright
// process mid-run (then a new process recovers), `docker kill` of a container, and (with
// --dockerd-restart) a restart of the Docker daemon mid-run. After each run the project is taken
// down keeping its volume; at the end, with its volume. Then it asserts: zero labeled containers,
// networks and volumes left; every run in the history has a final state; the named volume's data
// written by the first run survived every fault until the final `down --volumes`.
// Run: node scripts/run-ts.mjs bench/soak.bench.ts [runs] [seed] [--dockerd-restart]
// (after `npm run build`). Prints one JSON line per run and a summary line; exits 1 on a failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seeded } from './stats';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const RUNS = Number(args[0] ?? 10);
const random = seeded(Number(args[1] ?? 7));
const DOCKERD_RESTART = process.argv.includes('--dockerd-restart');
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'dockwright.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'dw-soak-'));
const dataDir = path.join(work, 'data');
const project = `dwsoak-${process.pid}`;
const file = path.join(work, 'compose.yaml');

const FAULTS = [
  'none',
  'failing-job',
  'job-timeout',
  'cancel',
  'sigkill',
  'docker-kill',
  ...(DOCKERD_RESTART ? ['dockerd-restart'] : []),
] as const;
type Fault = (typeof FAULTS)[number];

/** The topology; the fault picks how the job behaves. The first run writes a marker into `data`. */
function compose(fault: Fault): string {
  const job =
    fault === 'failing-job'
      ? `["sh", "-c", "exit 3"]`
      : fault === 'job-timeout'
        ? `["sleep", "60"]`
        : `["sh", "-c", "echo done"]`;
  return `services:
  db:
    image: dockwright-test/http:1
    init: true
    volumes: [data:/data]
    healthcheck:
      test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"]
      interval: 1s
      timeout: 2s
      retries: 10
  seed:
    image: dockwright-test/busybox:1
    init: true
    command: ["sh", "-c", "test -f /data/marker || echo soak-${project} > /data/marker"]
    volumes: [data:/data]
    restart: "no"
    depends_on:
      db: { condition: service_healthy }
  work:
    image: dockwright-test/busybox:1
    init: true
    command: ${job}
    restart: "no"
    x-dockwright: { kind: job, timeout: ${fault === 'job-timeout' ? '2s' : '60s'} }
    depends_on:
      seed: { condition: service_completed_successfully }
  api:
    image: dockwright-test/http:1
    init: true
    depends_on:
      db: { condition: service_healthy }
      work: { condition: service_completed_successfully }
volumes:
  data: {}
`;
}

function dockwright(...cmd: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [cli, ...cmd, '--data-dir', dataDir], {
    cwd: work,
    encoding: 'utf8',
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const docker = (...cmd: string[]) => execFileSync('docker', cmd, { encoding: 'utf8' }).trim();
const labeled = (kind: 'ps -a' | 'network ls' | 'volume ls') =>
  docker(...kind.split(' '), '-q', '--filter', `label=dockwright.project=${project}`)
    .split('\n')
    .filter(Boolean);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await sleep(200);
  }
  return false;
}

/** Restarts the Docker daemon (as CI starts it: a plain `dockerd` in the background). */
async function restartDockerd(): Promise<void> {
  const pid = execFileSync('pgrep', ['-x', 'dockerd'], { encoding: 'utf8' }).trim().split('\n')[0];
  if (!pid) throw new Error('no dockerd to restart');
  process.kill(Number(pid), 'SIGTERM');
  await waitFor(() => spawnSync('pgrep', ['-x', 'dockerd']).status !== 0, 30_000);
  spawn('dockerd', [], { detached: true, stdio: 'ignore' }).unref();
  if (!(await waitFor(() => spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0, 60_000)))
    throw new Error('dockerd did not come back');
}

/** `up` in the background, with a fault applied while it runs; resolves with its exit code. */
async function upWithFault(fault: Fault): Promise<number | null> {
  const child = spawn(process.execPath, [cli, 'up', file, '-p', project, '--data-dir', dataDir], {
    cwd: work,
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const midRun = () =>
    waitFor(() => labeled('ps -a').length > 0, 30_000).then(() => sleep(300 + random() * 1500));
  switch (fault) {
    case 'cancel':
      await midRun();
      child.kill('SIGINT');
      break;
    case 'sigkill':
      await midRun();
      child.kill('SIGKILL');
      break;
    case 'docker-kill': {
      await midRun();
      const running = docker('ps', '-q', '--filter', `label=dockwright.project=${project}`)
        .split('\n')
        .filter(Boolean);
      const victim = running[Math.floor(random() * running.length)];
      if (victim) spawnSync('docker', ['kill', victim], { stdio: 'ignore' });
      break;
    }
    case 'dockerd-restart':
      await midRun();
      await restartDockerd();
      break;
    default:
      break;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

const problems: string[] = [];
const counts: Record<string, number> = {};
/** What `up` should say for a fault it survives (0) or reports (1); others are killed or stopped. */
const EXPECTED_EXIT: Partial<Record<Fault, number>> = { none: 0, 'failing-job': 1, 'job-timeout': 1 };
let unexpected = 0;
try {
  execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
  for (let run = 0; run < RUNS; run++) {
    const fault: Fault = run === 0 ? 'none' : FAULTS[Math.floor(random() * FAULTS.length)]!;
    counts[fault] = (counts[fault] ?? 0) + 1;
    writeFileSync(file, compose(fault));
    const started = performance.now();
    const code = await upWithFault(fault);
    const expected = EXPECTED_EXIT[fault];
    if (expected !== undefined && code !== expected) unexpected++;
    // A new process recovers: it marks an interrupted run and takes down what any run left.
    const down = dockwright('down', '-p', project);
    const left = { containers: labeled('ps -a').length, networks: labeled('network ls').length };
    if (down.status !== 0)
      problems.push(`run ${run} (${fault}): down exited ${down.status}: ${down.out.slice(-300)}`);
    if (left.containers + left.networks > 0)
      problems.push(`run ${run} (${fault}): left ${left.containers} containers, ${left.networks} networks`);
    process.stdout.write(
      JSON.stringify({
        bench: 'soak',
        run,
        fault,
        upExit: code,
        ms: Math.round(performance.now() - started),
        left,
      }) + '\n',
    );
  }
  // The marker the first run wrote is still in the volume (kept by every `down` without --volumes).
  const marker = spawnSync(
    'docker',
    ['run', '--rm', '-v', `${project}-data:/data`, 'dockwright-test/busybox:1', 'cat', '/data/marker'],
    { encoding: 'utf8' },
  );
  const dataKept = marker.status === 0 && marker.stdout.trim() === `soak-${project}`;
  if (!dataKept) problems.push(`the volume's data was lost: ${marker.stdout}${marker.stderr}`);
  // Every run in the history has a final state (a killed run is marked interrupted by the next process).
  const runsDir = path.join(dataDir, 'runs');
  const files = existsSync(runsDir) ? readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')) : [];
  const unfinished = files.filter((name) => {
    const lines = readFileSync(path.join(runsDir, name), 'utf8').split('\n').filter(Boolean);
    return !lines.some((line) => /"type":"run\.(finished|interrupted)"/.test(line));
  });
  if (unfinished.length > 0) problems.push(`runs without a final state: ${unfinished.join(', ')}`);
  const final = dockwright('down', '-p', project, '--volumes');
  const leaked = labeled('ps -a').length + labeled('network ls').length + labeled('volume ls').length;
  if (final.status !== 0 || leaked > 0) problems.push(`final down --volumes left ${leaked} resources`);
  process.stdout.write(
    JSON.stringify({
      bench: 'soak',
      summary: true,
      runs: RUNS,
      faults: counts,
      historyRuns: files.length,
      unexpectedUpExits: unexpected,
      runsWithoutFinalState: unfinished.length,
      leakedResources: leaked,
      volumeDataKept: dataKept,
      problems,
    }) + '\n',
  );
} finally {
  spawnSync(process.execPath, [cli, 'down', '-p', project, '--volumes', '--data-dir', dataDir], {
    stdio: 'ignore',
  });
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = problems.length > 0 ? 1 : 0;
