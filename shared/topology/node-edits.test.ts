import { describe, expect, it } from 'vitest';
import { addNode, newTopology, removeNodes, renameNode, uniqueNodeId } from './node-edits';
import { connect, relationEdges } from './relations';
import { threeTier } from '../testing/topologies';
import { validate } from './validate';

describe('adding and naming nodes', () => {
  it('gives each new node a unique id from its kind', () => {
    let doc = newTopology();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const added = addNode(doc, 'service', { x: i * 10, y: 0 });
      doc = added.topology;
      ids.push(added.id);
    }
    expect(ids).toEqual(['service', 'service-2', 'service-3']);
    expect(doc.layout?.nodes?.['service-2']).toEqual({ x: 10, y: 0 });
    expect(uniqueNodeId(doc, 'Web App!')).toBe('web-app');
  });

  it('does not change its input', () => {
    const doc = threeTier();
    const before = structuredClone(doc);
    addNode(doc, 'job', { x: 0, y: 0 });
    removeNodes(doc, ['db']);
    renameNode(doc, 'db', 'postgres');
    connect(doc, 'backend', 'api');
    expect(doc).toEqual(before);
  });
});

describe('renameNode and removeNodes', () => {
  it('renaming rewrites every reference and the layout', () => {
    const doc = renameNode(threeTier(), 'db', 'postgres');
    expect(Object.keys(doc.spec.nodes)).toEqual(['backend', 'data', 'postgres', 'migrate', 'api']);
    const api = doc.spec.nodes['api'];
    expect(api?.kind === 'service' && api.dependsOn?.map((d) => d.node)).toEqual(['postgres', 'migrate']);
    expect(doc.layout?.nodes?.['postgres']).toEqual({ x: 0, y: 0 });
    expect(doc.layout?.nodes?.['db']).toBeUndefined();
    expect(validate(doc).filter((p) => p.code.startsWith('UNKNOWN') || p.code.includes('MISSING'))).toEqual(
      [],
    );
  });

  it('refuses a taken or malformed id', () => {
    expect(() => renameNode(threeTier(), 'db', 'api')).toThrow(/already exists/);
    expect(() => renameNode(threeTier(), 'db', 'Bad Name')).toThrow(/lowercase/);
  });

  it('removing a node drops every reference to it', () => {
    const doc = removeNodes(threeTier(), ['db', 'data']);
    const migrate = doc.spec.nodes['migrate'];
    expect(migrate?.kind === 'job' && migrate.dependsOn).toBeUndefined();
    const api = doc.spec.nodes['api'];
    expect(api?.kind === 'service' && api.dependsOn).toEqual([{ node: 'migrate', condition: 'completed' }]);
    expect(doc.layout?.nodes?.['db']).toBeUndefined();
    expect(relationEdges(doc).some((e) => e.source === 'db' || e.target === 'db')).toBe(false);
  });
});
