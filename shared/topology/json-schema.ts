import { z } from 'zod';
import { Topology } from './model';

export const TOPOLOGY_SCHEMA_ID = 'https://dockwright.dev/schemas/topology.schema.json';

/** The JSON Schema of the topology file, generated from the zod model (what editors autocomplete). */
export function topologyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Topology, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return { ...schema, $id: TOPOLOGY_SCHEMA_ID };
}

/** The committed file's text: stable key order, two-space indent, trailing newline. */
export function topologyJsonSchemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}
