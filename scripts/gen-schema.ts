// Writes shared/topology/topology.schema.json from the zod model. A test fails when the committed
// file and the model disagree. Run from the repository root:
//   node scripts/run-ts.mjs scripts/gen-schema.ts
// (The script is bundled to a temporary folder before it runs, so paths resolve from the cwd.)
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { topologyJsonSchemaText } from '../shared/topology/json-schema';

const folder = path.resolve(process.cwd(), 'shared', 'topology');
if (!existsSync(folder)) {
  process.stderr.write('gen-schema: run this from the repository root\n');
  process.exit(2);
}
const target = path.join(folder, 'topology.schema.json');
writeFileSync(target, topologyJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
