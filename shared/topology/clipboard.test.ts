import { describe, expect, it } from 'vitest';
import { copyNodes, duplicateNodes, pasteNodes } from './clipboard';
import type { Topology } from './model';
import { threeTier } from '../testing/topologies';

describe('clipboard', () => {
  it('pastes copies under fresh ids, with internal references following the copies', () => {
    const doc = threeTier();
    const clip = copyNodes(doc, ['db', 'migrate']);
    const { topology, ids } = pasteNodes(JSON.parse(JSON.stringify(doc)) as Topology, clip);
    expect(ids).toEqual(['db-2', 'migrate-2']);
    const copy = topology.spec.nodes['migrate-2'];
    expect(copy?.kind === 'job' && copy.dependsOn?.[0]?.node).toBe('db-2');
    const dbCopy = topology.spec.nodes['db-2'];
    // References outside the clip that still exist are kept.
    expect(dbCopy?.kind === 'service' && dbCopy.networks?.[0]?.network).toBe('backend');
    expect(topology.layout?.nodes?.['db-2']).toEqual({ x: 40, y: 40 });
  });

  it('duplicates', () => {
    const { topology, ids } = duplicateNodes(threeTier(), ['api']);
    expect(ids).toEqual(['api-2']);
    expect(Object.keys(topology.spec.nodes)).toHaveLength(6);
  });
});
