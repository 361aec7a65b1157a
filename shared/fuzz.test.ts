import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCompose } from './compose/export';
import { importCompose } from './compose/import';
import { loadDocument } from './compose/load-document';
import { makeTopology } from './testing/topologies';
import { FUZZ_PROPERTIES } from './testing/fuzz-properties';

// A bounded number of runs per property in the suite; `npm run bench -- fuzz` runs 10,000 each.
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);

describe('fuzzing: every input gets a typed answer, never an exception', () => {
  for (const { name, property } of FUZZ_PROPERTIES) {
    it(name, { timeout: 120_000 }, async () => {
      await fc.assert(property, { numRuns: RUNS });
    });
  }
});

describe('inputs the fuzzer found', () => {
  it('a merge key whose source is not a map is a YAML problem, not an exception', () => {
    const result = loadDocument('services:\n  web:\n    image: nginx\n<<: *x', 'compose.yaml');
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['YAML_SYNTAX']);
  });
});

describe('inputs the fuzzer found (export)', () => {
  it('a key named << survives a Compose round trip (quoted, not a merge key)', () => {
    const topology = makeTopology(
      {},
      { metadata: { name: 'a' }, spec: { extensions: { 'x-a': { '<<': '' } } } },
    );
    const back = importCompose(exportCompose(topology, { includeSecrets: true }).yaml, {
      fileName: 'x/compose.yaml',
    });
    expect(back.ok && back.topology).toEqual(topology);
  });
});
