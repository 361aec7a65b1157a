import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { parseTopology, topologyFromValue } from './document';
import { isValidNodeId, renameNode } from './node-edits';
import { problem } from './problem';
import { validate } from './validate';

const image = { kind: 'service', image: 'nginx:1' } as const;
const byCode = (code: string, problems: ReturnType<typeof validate>) =>
  problems.filter((p) => p.code === code);

describe('names that cannot deceive', () => {
  it('refuses a node id with U+202E, naming the character, at the node', () => {
    const id = 'web\u202egnp';
    const [found, ...more] = byCode('NAME_DECEPTIVE', validate(makeTopology({ [id]: image })));
    expect(more).toEqual([]);
    expect(found).toMatchObject({ severity: 'error', nodeId: id, path: ['spec', 'nodes', id] });
    expect(found?.message).toContain(
      '"web<U+202E>gnp" contains U+202E (right-to-left override) at position 4',
    );
    expect(found?.message).not.toContain('\u202e');
    // The same character is not also reported as an invalid Docker name.
    expect(byCode('NAME_INVALID', validate(makeTopology({ [id]: image })))).toEqual([]);
  });

  it('refuses a project name with a zero-width space as deceptive, not just invalid', () => {
    const problems = validate(makeTopology({ web: image }, { metadata: { name: 'shop\u200b' } }));
    expect(byCode('NAME_DECEPTIVE', problems)).toMatchObject([{ path: ['metadata', 'name'] }]);
    expect(byCode('PROJECT_NAME_INVALID', problems)).toEqual([]);
  });

  it('refuses node names and secret names with bidirectional marks', () => {
    const problems = validate(
      makeTopology(
        { web: { ...image, name: 'w\u2066eb' } },
        { spec: { secrets: { 'db\u200fpw': { file: './pw' } } } },
      ),
    );
    expect(byCode('NAME_DECEPTIVE', problems).map((p) => p.path)).toEqual([
      ['spec', 'nodes', 'web', 'name'],
      ['spec', 'secrets', 'db\u200fpw'],
    ]);
  });

  it('writes such characters out in every message, whichever check made it', () => {
    expect(problem('NAME_INVALID', 'bad "a\u202eb"', []).message).toBe('bad "a<U+202E>b"');
  });
});

describe('reserved names', () => {
  it('refuses constructor and prototype as node ids, at the node', () => {
    const problems = validate(makeTopology({ constructor: image, prototype: { kind: 'volume' } }));
    expect(byCode('NAME_RESERVED', problems).map((p) => [p.nodeId, p.path])).toEqual([
      ['constructor', ['spec', 'nodes', 'constructor']],
      ['prototype', ['spec', 'nodes', 'prototype']],
    ]);
  });

  it('refuses reserved label keys, variables and secret names made in the editor', () => {
    const environment: Record<string, string> = Object.fromEntries([['__proto__', 'x']]);
    const problems = validate(
      makeTopology(
        { web: { ...image, environment, labels: { constructor: 'y' } } },
        { spec: { configs: { prototype: { content: 'z' } } } },
      ),
    );
    expect(byCode('NAME_RESERVED', problems).map((p) => p.path)).toEqual(
      expect.arrayContaining([
        ['spec', 'nodes', 'web', 'environment', '__proto__'],
        ['spec', 'nodes', 'web', 'labels', 'constructor'],
        ['spec', 'configs', 'prototype'],
      ]),
    );
  });

  it('refuses a topology file whose node id is __proto__ instead of dropping the node', () => {
    const text =
      'apiVersion: dockwright.dev/v1alpha2\nkind: Topology\nmetadata: {name: demo}\nspec:\n  nodes:\n    __proto__: {kind: volume}\n    web: {kind: service, image: nginx}\n';
    const result = parseTopology(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toMatchObject([{ code: 'NAME_RESERVED', line: 6, column: 5 }]);
  });

  it('refuses __proto__ in a parsed JSON value (an IPC payload, the clipboard) before the schema drops it', () => {
    const value: unknown = JSON.parse(
      '{"apiVersion":"dockwright.dev/v1alpha2","kind":"Topology","metadata":{"name":"demo"},"spec":{"nodes":{"__proto__":{"kind":"volume"}}}}',
    );
    const result = topologyFromValue(value);
    expect(result.ok ? [] : result.problems).toMatchObject([
      { code: 'NAME_RESERVED', path: ['spec', 'nodes', '__proto__'], nodeId: '__proto__' },
    ]);
  });

  it('the editor refuses them as new ids', () => {
    expect(isValidNodeId('constructor')).toBe(false);
    expect(isValidNodeId('web')).toBe(true);
    expect(() => renameNode(makeTopology({ web: image }), 'web', 'prototype')).toThrow(/reserved/);
  });
});
