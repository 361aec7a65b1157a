// Fuzzing at full count: every property of shared/testing/fuzz-properties.ts with 10,000 inputs
// (the test suite runs each with a bounded number). Prints one JSON line per property.
// Run: node scripts/run-ts.mjs bench/fuzz.bench.ts [runs]
import fc from 'fast-check';
import { FUZZ_PROPERTIES } from '../shared/testing/fuzz-properties';

const runs = Number(process.argv[2] ?? 10_000);
let failures = 0;
for (const { name, property } of FUZZ_PROPERTIES) {
  const started = performance.now();
  const details = await fc.check(property, { numRuns: runs });
  const ms = Math.round(performance.now() - started);
  if (details.failed) failures++;
  process.stdout.write(
    JSON.stringify({
      bench: 'fuzz',
      property: name,
      runs: details.numRuns,
      failed: details.failed,
      ...(details.failed ? { counterexample: JSON.stringify(details.counterexample).slice(0, 500) } : {}),
      ms,
    }) + '\n',
  );
}
process.exitCode = failures > 0 ? 1 : 0;
