// Deploy time on the Swarm beside `up` on the local engine, in the same run: one health-gated
// compose file (db healthy -> migrate job -> api healthy -> web; 1 s healthchecks), deployed by
// `dockwright up` on this engine and by `dockwright up --target swarm` on a single-node Swarm of the
// same engine, then removed. Rounds alternate the two. Joins a Swarm only if the engine is in none,
// and then leaves it afterwards. One JSON line.
// Run: node scripts/run-ts.mjs bench/swarm-vs-local.bench.ts [rounds] (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SHAPES } from './health-gated-shapes';
import { roundedMedian, timedCommand } from './stats';

const ROUNDS = Number(process.argv[2] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'dw-swarm-bench-'));

const file = path.join(work, 'compose.yaml');
// db healthy -> migrate job -> api healthy -> web, as run-vs-compose's 'two levels'.
writeFileSync(file, `services:\n${SHAPES['two levels']}\n`);

const swarmState = () =>
  execFileSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'], { encoding: 'utf8' }).trim();

const cli = path.join(root, 'bin', 'dockwright.mjs');
const timed = (args: string[]) => timedCommand(process.execPath, [cli, ...args], work);
const median = roundedMedian;

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
let joined = false;
if (swarmState() !== 'active') {
  execFileSync('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'], { stdio: 'ignore' });
  joined = true;
}
const dataDir = path.join(work, 'data');
const figures = {
  localUp: [] as number[],
  localDown: [] as number[],
  swarmUp: [] as number[],
  swarmDown: [] as number[],
};
try {
  for (let round = 0; round < ROUNDS; round++) {
    const local = `dwbench-l-${round}`;
    const swarm = `dwbench-s-${round}`;
    figures.localUp.push(timed(['up', file, '-p', local, '--data-dir', dataDir]));
    figures.localDown.push(timed(['down', '-p', local, '--data-dir', dataDir]));
    figures.swarmUp.push(timed(['up', file, '-p', swarm, '--target', 'swarm', '--data-dir', dataDir]));
    figures.swarmDown.push(timed(['down', '-p', swarm, '--target', 'swarm', '--data-dir', dataDir]));
  }
  const localUp = median(figures.localUp);
  const swarmUp = median(figures.swarmUp);
  process.stdout.write(
    JSON.stringify({
      bench: 'swarm-vs-local',
      rounds: ROUNDS,
      nodes: 4,
      localUpMs: localUp,
      swarmUpMs: swarmUp,
      swarmUpRatio: Math.round((swarmUp / localUp) * 100) / 100,
      localDownMs: median(figures.localDown),
      swarmDownMs: median(figures.swarmDown),
      raw: figures,
    }) + '\n',
  );
} finally {
  if (joined) execFileSync('docker', ['swarm', 'leave', '--force'], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
}
