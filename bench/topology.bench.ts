// Validation, planning and (de)serialization of a 1,000-node topology.
// Run: node scripts/run-ts.mjs bench/topology.bench.ts [runs]
import { parseTopology, serializeTopology } from '../shared/topology/document';
import { plan } from '../shared/topology/plan';
import { validate } from '../shared/topology/validate';
import { sizedTopology } from './sized-topology';
import { measure, print } from './stats';

const runs = Number(process.argv[2] ?? 100);

const topology = sizedTopology(1000);
const problems = validate(topology);
const planned = plan(topology);
if (!planned.ok) throw new Error('bench topology must plan');
const text = serializeTopology(topology);
const nodes = Object.keys(topology.spec.nodes).length;

print({
  bench: 'topology.validate',
  nodes,
  problems: problems.length,
  ...measure(() => validate(topology), runs),
});
print({
  bench: 'topology.plan',
  nodes,
  waves: planned.plan.waves.length,
  ...measure(() => plan(topology), runs),
});
print({
  bench: 'topology.validate+plan',
  nodes,
  ...measure(() => {
    validate(topology);
    plan(topology);
  }, runs),
});
print({
  bench: 'topology.serialize',
  nodes,
  bytes: text.length,
  ...measure(() => serializeTopology(topology), Math.max(5, Math.round(runs / 5))),
});
print({
  bench: 'topology.parse',
  nodes,
  bytes: text.length,
  ...measure(() => parseTopology(text), Math.max(5, Math.round(runs / 5))),
});
