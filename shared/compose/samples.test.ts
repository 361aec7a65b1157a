import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isContainer, type Topology } from '../topology/model';
import { validate } from '../topology/validate';
import { exportCompose } from './export';
import { importCompose } from './import';
import { canonicalConfig } from './test-support';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');
const SAMPLES = path.join(FIXTURES, 'compose-samples');
const LOCAL = path.resolve(__dirname, 'test-fixtures');
const DOCKER_COMPOSE = process.env['DOCKER_COMPOSE'] ?? 'docker-compose';

/** The variables the samples interpolate; the same values go to docker-compose and to the importer. */
const ENV: Record<string, string> = {
  TIMEZONE: 'Europe/Paris',
  PIHOLE_PW: 'secret',
  PIHOLE_ROUTER_IP: '192.168.1.1',
  PIHOLE_NETWORK_DOMAIN: 'lan',
  PIHOLE_REVERSE_DNS: '192.168.1.0/24',
  PIHOLE_HOST_IP: '192.168.1.2',
  PIHOLE_HOST_IPV6: 'fe80::1',
  PLEX_MEDIA_PATH: '/srv/media',
};

const schema = JSON.parse(readFileSync(path.join(FIXTURES, 'compose-spec.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete schema['$schema'];
const validateSpec = new Ajv({ strict: false, allErrors: true }).compile(schema);

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

const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('compose samples', () => {
  it('finds the 16 samples beside the repository', () => {
    expect(samples.length).toBeGreaterThanOrEqual(16);
  });

  it(`docker-compose is installed (set DOCKER_COMPOSE to its path)`, () => {
    expect(composeAvailable()).toBe(true);
  });

  describe.each(samples)('%s', (sample) => {
    const original = readFileSync(path.join(SAMPLES, sample), 'utf8');

    it('imports with no errors, and exports what it imported', () => {
      const topology = mustImport(original, path.join(SAMPLES, sample));
      expect(validate(topology).filter((p) => p.severity === 'error')).toEqual([]);
      const exported = exportCompose(topology);
      const again = mustImport(exported.yaml, path.join(SAMPLES, sample));
      expect(again).toEqual(topology);
    });

    it('exports a file the Compose JSON schema accepts', () => {
      const exported = exportCompose(mustImport(original, sample));
      const ok = validateSpec(parseYaml(exported.yaml));
      expect(validateSpec.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });

    it('exports a file docker-compose accepts, meaning the same as the original', { timeout: 60_000 }, () => {
      const topology = mustImport(original, sample);
      const dir = prepareProject(sample.replace(/\.yaml$/, ''), topology);
      writeFileSync(path.join(dir, 'original.yaml'), original);
      // docker-compose 1.29 predates the top-level `name`; the JSON schema test covers it.
      writeFileSync(path.join(dir, 'exported.yaml'), exportCompose(topology, { projectName: false }).yaml);
      expect(() => dockerCompose(dir, 'exported.yaml', ['config', '-q'])).not.toThrow();
      const before = canonicalConfig(parseYaml(dockerCompose(dir, 'original.yaml', ['config'])));
      const after = canonicalConfig(parseYaml(dockerCompose(dir, 'exported.yaml', ['config'])));
      expect(after).toEqual(before);
    });
  });
});

describe('hand-written compose files', () => {
  it.each(['tricky.yaml', 'unsupported.yaml'])(
    '%s exports to a schema-valid file that re-imports identically',
    (file) => {
      const topology = mustImport(readFileSync(path.join(LOCAL, file), 'utf8'), file);
      const exported = exportCompose(topology);
      validateSpec(parseYaml(exported.yaml));
      expect(validateSpec.errors ?? []).toEqual([]);
      expect(mustImport(exported.yaml, file)).toEqual(topology);
    },
  );
});
