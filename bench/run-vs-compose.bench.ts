// `up` and `down` side by side: docker-compose 1.29 and dockwright run the very same compose files.
// Three health-gated shapes (1, 2 and 3 levels of `service_healthy`, 1 s healthchecks, a job in
// between), every container with `init: true` so that both tools stop at once on SIGTERM (the same
// semantics on both sides). Rounds alternate compose and dockwright, one stack on the engine at a
// time. Beside them, the engine's own floor for the same file (bench/engine-floor.ts): the API calls
// any tool must make, each as early as the file's dependencies allow, from a process already
// running. One JSON line per shape.
// Run: node scripts/run-ts.mjs bench/run-vs-compose.bench.ts [rounds] (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineFloor } from './engine-floor';
import { SHAPES } from './health-gated-shapes';
import { roundedMedian, timedCommand } from './stats';

const ROUNDS = Number(process.argv[2] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'dw-bench-'));

const timed = timedCommand;
const median = roundedMedian;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'ignore' });
const cli = path.join(root, 'bin', 'dockwright.mjs');
try {
  for (const [shape, services] of Object.entries(SHAPES)) {
    const dir = mkdtempSync(path.join(work, 'shape-'));
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, `services:\n${services}\n`);
    const dataDir = path.join(dir, 'data');
    const figures = {
      composeUp: [] as number[],
      composeDown: [] as number[],
      dockwrightUp: [] as number[],
      dockwrightDown: [] as number[],
      floorUp: [] as number[],
      floorDown: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      const composeProject = `dwbench-c-${round}`;
      const project = `dwbench-d-${round}`;
      // One stack at a time: each tool starts on an engine where nothing of the other runs (the
      // other's healthchecks would slow its container starts).
      figures.composeUp.push(timed('docker-compose', ['-p', composeProject, '-f', file, 'up', '-d'], dir));
      figures.composeDown.push(timed('docker-compose', ['-p', composeProject, '-f', file, 'down'], dir));
      figures.dockwrightUp.push(
        timed(process.execPath, [cli, 'up', file, '-p', project, '--data-dir', dataDir], dir),
      );
      figures.dockwrightDown.push(
        timed(process.execPath, [cli, 'down', '-p', project, '--data-dir', dataDir], dir),
      );
      const floor = await engineFloor(`services:\n${services}\n`, `dwbench-f-${round}`);
      figures.floorUp.push(floor.upMs);
      figures.floorDown.push(floor.downMs);
    }
    const up = { compose: median(figures.composeUp), dockwright: median(figures.dockwrightUp) };
    const down = { compose: median(figures.composeDown), dockwright: median(figures.dockwrightDown) };
    const floor = { up: median(figures.floorUp), down: median(figures.floorDown) };
    process.stdout.write(
      JSON.stringify({
        bench: 'run-vs-compose',
        shape,
        rounds: ROUNDS,
        composeUpMs: up.compose,
        dockwrightUpMs: up.dockwright,
        upRatio: ratio(up.dockwright, up.compose),
        composeDownMs: down.compose,
        dockwrightDownMs: down.dockwright,
        downRatio: ratio(down.dockwright, down.compose),
        // The engine's floor, and what it is of Compose's time: no tool's ratio can be lower.
        floorUpMs: floor.up,
        floorDownMs: floor.down,
        floorUpRatio: ratio(floor.up, up.compose),
        floorDownRatio: ratio(floor.down, down.compose),
        target: 0.5,
        met: ratio(up.dockwright, up.compose) <= 0.5 && ratio(down.dockwright, down.compose) <= 0.5,
        raw: figures,
      }) + '\n',
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
