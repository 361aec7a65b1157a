// CLI cold start, side by side: `dockwright --version`, `--help` and `validate` of a small compose
// file, against docker-compose 1.29 doing the same (`version`, `config -q`) and against a bare
// `node -e 0` (the floor no Node program goes under). Runs alternate, so a machine that slows down
// slows both sides. Needs `npm run build` (the bundled CLI in dist/cli).
// Run: node scripts/run-ts.mjs bench/cli-startup.bench.ts [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from './stats';

const runs = Number(process.argv[2] ?? 15);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'dockwright.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'dw-cli-bench-'));
const file = path.join(work, 'compose.yaml');
writeFileSync(
  file,
  'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
);

function timed(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: work, stdio: 'ignore' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
};

const cases: Array<{
  name: string;
  ours: string[];
  peer?: { command: string; args: string[] };
  targetMs: number;
}> = [
  {
    name: '--version',
    ours: ['--version'],
    peer: { command: 'docker-compose', args: ['version', '--short'] },
    targetMs: 150,
  },
  { name: '--help', ours: ['--help'], targetMs: 150 },
  {
    name: 'validate',
    ours: ['validate', file],
    peer: { command: 'docker-compose', args: ['-f', file, 'config', '-q'] },
    targetMs: 300,
  },
];

try {
  for (const { name, ours, peer, targetMs } of cases) {
    const times = { dockwright: [] as number[], peer: [] as number[], node: [] as number[] };
    timed(process.execPath, [cli, ...ours]);
    for (let i = 0; i < runs; i++) {
      times.dockwright.push(timed(process.execPath, [cli, ...ours]));
      times.node.push(timed(process.execPath, ['-e', '0']));
      if (peer) times.peer.push(timed(peer.command, peer.args));
    }
    const ms = median(times.dockwright);
    print({
      bench: 'cli-startup',
      command: `dockwright ${name}`,
      runs,
      dockwrightMs: ms,
      ...(peer
        ? {
            peer: `docker-compose ${peer.args.join(' ')}`,
            peerMs: median(times.peer),
            ratio: Math.round((ms / median(times.peer)) * 100) / 100,
          }
        : {}),
      nodeFloorMs: median(times.node),
      aboveNodeFloorMs: Math.round((ms - median(times.node)) * 10) / 10,
      targetMs,
      met: ms <= targetMs,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
