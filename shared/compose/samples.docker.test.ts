import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_ENV as ENV,
  SAMPLES_ABSENT_REASON,
  SAMPLES_FROM_COMPOSE_TESTS,
} from '../testing/compose-samples';
import { isContainer, type Topology } from '../topology/model';
import { exportCompose } from './export';
import { importCompose } from './import';
import { canonicalConfig } from '../testing/compose-config';

// docker-compose 1.29 is the peer: an exported file must mean to it what the original meant.
const SAMPLES = path.resolve(__dirname, SAMPLES_FROM_COMPOSE_TESTS);
const SAMPLES_ABSENT = existsSync(SAMPLES) ? undefined : SAMPLES_ABSENT_REASON;
const DOCKER_COMPOSE = process.env['DOCKER_COMPOSE'] ?? 'docker-compose';

const work = mkdtempSync(path.join(tmpdir(), 'dockwright-compose-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function composeAvailable(): boolean {
  return spawnSync(DOCKER_COMPOSE, ['version'], { encoding: 'utf8' }).status === 0;
}

function dockerCompose(dir: string, file: string, args: string[]): string {
  const result = spawnSync(DOCKER_COMPOSE, ['-f', file, ...args], {
    cwd: dir,
    env: { ...process.env, ...ENV },
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`docker-compose -f ${file} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** docker-compose 1.29 insists that build contexts exist; give it empty folders (and secret files). */
function prepareProject(name: string, topology: Topology): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const node of Object.values(topology.spec.nodes)) {
    if (isContainer(node) && node.build)
      mkdirSync(path.resolve(dir, node.build.context), { recursive: true });
  }
  for (const secret of Object.values(topology.spec.secrets ?? {})) {
    if (secret.file) {
      mkdirSync(path.dirname(path.resolve(dir, secret.file)), { recursive: true });
      writeFileSync(path.resolve(dir, secret.file), 'x');
    }
  }
  return dir;
}

function mustImport(text: string, fileName: string): Topology {
  const result = importCompose(text, { env: ENV, fileName });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.code}: ${p.message}`).join('\n'));
  return result.topology;
}

const samples = SAMPLES_ABSENT
  ? []
  : readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.yaml'))
      .sort();

describe('docker-compose', () => {
  it('is installed (set DOCKER_COMPOSE to its path)', () => {
    expect(composeAvailable()).toBe(true);
  });
});

describe.skipIf(SAMPLES_ABSENT)(
  `compose samples through docker-compose${SAMPLES_ABSENT ? ` (skipped: ${SAMPLES_ABSENT})` : ''}`,
  () => {
    describe.each(samples)('%s', (sample) => {
      const original = readFileSync(path.join(SAMPLES, sample), 'utf8');

      it(
        'exports a file docker-compose accepts, meaning the same as the original',
        { timeout: 60_000 },
        () => {
          const topology = mustImport(original, sample);
          const dir = prepareProject(sample.replace(/\.yaml$/, ''), topology);
          writeFileSync(path.join(dir, 'original.yaml'), original);
          // docker-compose 1.29 predates the top-level `name`; the JSON schema test covers it.
          writeFileSync(
            path.join(dir, 'exported.yaml'),
            exportCompose(topology, { projectName: false, includeSecrets: true }).yaml,
          );
          expect(() => dockerCompose(dir, 'exported.yaml', ['config', '-q'])).not.toThrow();
          const before = canonicalConfig(parseYaml(dockerCompose(dir, 'original.yaml', ['config'])));
          const after = canonicalConfig(parseYaml(dockerCompose(dir, 'exported.yaml', ['config'])));
          expect(after).toEqual(before);
        },
      );
    });
  },
);
