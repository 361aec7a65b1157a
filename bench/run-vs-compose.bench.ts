// `up` and `down` of the same topology, side by side: docker-compose 1.29 and dockwright.
// The topology is one compose file (6 services in 3 layers with 1 s healthchecks, one job, plain
// `sleep` services); dockwright runs that very file. Prints one JSON line with medians and ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.argv[2] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'dw-bench-'));
const composeFile = path.join(work, 'compose.yaml');

const health = `
    healthcheck:
      test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"]
      interval: 1s
      timeout: 1s
      retries: 3`;
writeFileSync(
  composeFile,
  `services:
  db:
    image: dockwright-test/http:1${health}
  cache:
    image: dockwright-test/http:1${health}
  migrate:
    image: dockwright-test/busybox:1
    command: ["sh", "-c", "echo migrated"]
    restart: "no"
    depends_on:
      db: { condition: service_healthy }
  api:
    image: dockwright-test/http:1${health}
    depends_on:
      db: { condition: service_healthy }
      cache: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
  worker:
    image: dockwright-test/busybox:1
    command: ["sleep", "3600"]
    depends_on:
      db: { condition: service_healthy }
  web:
    image: dockwright-test/http:1${health}
    depends_on:
      api: { condition: service_healthy }
  sleeper:
    image: dockwright-test/busybox:1
    command: ["sleep", "3600"]
`,
);

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: work, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]!);
};

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
const cli = path.join(root, 'bin', 'dockwright.mjs');
const dataDir = path.join(work, 'data');
const figures = {
  composeUp: [] as number[],
  composeDown: [] as number[],
  dockwrightUp: [] as number[],
  dockwrightDown: [] as number[],
};
try {
  for (let round = 0; round < ROUNDS; round++) {
    const composeProject = `dwbench-compose-${round}`;
    figures.composeUp.push(timed('docker-compose', ['-p', composeProject, '-f', composeFile, 'up', '-d']));
    figures.composeDown.push(timed('docker-compose', ['-p', composeProject, '-f', composeFile, 'down']));
    const project = `dwbench-dw-${round}`;
    figures.dockwrightUp.push(
      timed(process.execPath, [cli, 'up', composeFile, '-p', project, '--data-dir', dataDir]),
    );
    figures.dockwrightDown.push(timed(process.execPath, [cli, 'down', '-p', project, '--data-dir', dataDir]));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const result = {
  name: 'run-vs-compose',
  rounds: ROUNDS,
  composeUpMs: median(figures.composeUp),
  dockwrightUpMs: median(figures.dockwrightUp),
  upRatio: Math.round((median(figures.dockwrightUp) / median(figures.composeUp)) * 100) / 100,
  composeDownMs: median(figures.composeDown),
  dockwrightDownMs: median(figures.dockwrightDown),
  downRatio: Math.round((median(figures.dockwrightDown) / median(figures.composeDown)) * 100) / 100,
  raw: figures,
};
process.stdout.write(JSON.stringify(result) + '\n');
