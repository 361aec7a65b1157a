// Reading untrusted YAML: a 5 MB topology read and validated, the 629 KB mapping of issue #14,
// alias bombs and 10,000-deep nesting refused, each beside the yaml package's plain `parse` of the
// same text. Targets: a 5 MB topology validated in < 1 s; bombs and deep nesting refused in < 100 ms.
// Run: node scripts/run-ts.mjs bench/yaml-limits.bench.ts [runs]
import { loadavg } from 'node:os';
import { parse } from 'yaml';
import { loadDocument } from '../shared/compose/load-document';
import { serializeTopology } from '../shared/topology/document';
import { validate } from '../shared/topology/validate';
import { readYaml } from '../shared/topology/yaml-source';
import { HOSTILE } from './hostile-yaml';
import { sizedTopology } from './sized-topology';
import { measure, print } from './stats';

const runs = Number(process.argv[2] ?? 5);
const mb = (text: string): number => Math.round((text.length / (1024 * 1024)) * 100) / 100;

/** The yaml package's own result: its value, or the error it throws. */
function peer(text: string, options: Parameters<typeof parse>[2] = {}): string {
  try {
    parse(text, options);
    return 'parsed';
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message.split('\n', 1)[0] ?? ''}` : 'threw';
  }
}

/** What `dockwright validate FILE` does: read, check the schema, validate, locate the problems. */
function validateFile(text: string): number {
  const loaded = loadDocument(text, 'big.yaml');
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.locate(validate(loaded.topology)).length;
}

/** CPU time of one call: on a shared, loaded machine the wall time also counts the others. */
function cpuMs(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

const topology = sizedTopology(7200);
const big = serializeTopology(topology);
const figures = measure(() => validateFile(big), runs, 1);
print({
  bench: 'yaml.validate-file',
  mb: mb(big),
  nodes: Object.keys(topology.spec.nodes).length,
  problems: validateFile(big),
  ...figures,
  cpuMs: cpuMs(() => validateFile(big)),
  loadAverage: loadavg()[0],
  targetMs: 1000,
  pass: figures.medianMs < 1000,
});
print({ bench: 'yaml.read', mb: mb(big), ...measure(() => readYaml(big), runs, 1) });
print({ bench: 'yaml.validate-in-memory', mb: mb(big), ...measure(() => validate(topology), runs, 1) });
print({
  bench: 'yaml.peer.parse-no-unique-keys',
  mb: mb(big),
  ...measure(() => parse(big, { uniqueKeys: false }), runs, 1),
});

// yaml's own checks are quadratic: its parse with defaults runs on smaller texts here.
for (const keys of [10_000, 30_000]) {
  const text = HOSTILE.manyKeys(keys);
  print({
    bench: 'yaml.read-many-keys',
    kb: Math.round(text.length / 1024),
    keys,
    ...measure(() => readYaml(text), runs, 1),
  });
  if (keys === 10_000)
    print({
      bench: 'yaml.peer.parse-many-keys',
      kb: Math.round(text.length / 1024),
      keys,
      ...measure(() => parse(text), 1, 0),
    });
}
for (const anchors of [5_000, 20_000]) {
  const text = HOSTILE.anchors(anchors);
  print({
    bench: 'yaml.read-anchors',
    kb: Math.round(text.length / 1024),
    anchors,
    ...measure(() => readYaml(text), runs, 1),
  });
  if (anchors === 5_000)
    print({
      bench: 'yaml.peer.parse-anchors',
      kb: Math.round(text.length / 1024),
      anchors,
      ...measure(() => parse(text, { maxAliasCount: -1 }), 1, 0),
    });
}

for (const [name, text] of Object.entries({
  'alias-bomb': HOSTILE.aliasBomb(),
  'merge-bomb': HOSTILE.mergeBomb(),
  'nesting-10000-flow': HOSTILE.flowNesting(10_000),
  'nesting-10000-block-seq': HOSTILE.seqNesting(10_000),
  'nesting-after-quote': `a: it "starts\n${HOSTILE.flowNesting(100_000)}`,
})) {
  const result = readYaml(text);
  const refused = measure(() => readYaml(text), 20, 2);
  print({
    bench: `yaml.refuse.${name}`,
    bytes: text.length,
    code: result.ok ? 'accepted' : result.problems[0]?.code,
    ...refused,
    targetMs: 100,
    pass: !result.ok && refused.medianMs < 100,
    peer: peer(text),
    peerMs: measure(() => peer(text), 3, 0).medianMs,
  });
}

const oversized = HOSTILE.oversized(25);
const tooLarge = readYaml(oversized);
print({
  bench: 'yaml.refuse.size-25mib',
  bytes: oversized.length,
  message: tooLarge.ok ? 'accepted' : tooLarge.problems[0]?.message,
  ...measure(() => readYaml(oversized), 20, 2),
});
