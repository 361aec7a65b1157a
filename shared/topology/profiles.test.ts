import { describe, expect, it } from 'vitest';
import { makeTopology } from '../testing/topologies';
import { profilesOf, selectProfiles } from './profiles';

const topology = makeTopology({
  db: { kind: 'service', image: 'postgres' },
  debug: { kind: 'service', image: 'busybox', profiles: ['debug'] },
  seed: { kind: 'job', image: 'busybox', profiles: ['dev', 'test'] },
  api: {
    kind: 'service',
    image: 'api',
    dependsOn: [
      { node: 'db', condition: 'started' },
      { node: 'debug', condition: 'started', required: false },
    ],
  },
  tests: {
    kind: 'job',
    image: 'busybox',
    profiles: ['test'],
    dependsOn: [{ node: 'seed', condition: 'completed' }],
  },
  data: { kind: 'volume' },
});

describe('profiles', () => {
  it('lists every profile a node names', () => {
    expect(profilesOf(topology)).toEqual(['debug', 'dev', 'test']);
  });

  it('runs nodes without profiles always, and those with one only when it is active', () => {
    const none = selectProfiles(topology, []);
    expect(Object.keys(none.topology.spec.nodes).sort()).toEqual(['api', 'data', 'db']);
    expect(none.excluded).toEqual(['debug', 'seed', 'tests']);
    expect(none.problems).toEqual([]);
    // An optional dependency on a node left out is dropped, not an error.
    expect(none.topology.spec.nodes.api).toMatchObject({ dependsOn: [{ node: 'db' }] });
    const test = selectProfiles(topology, ['test']);
    expect(test.excluded).toEqual(['debug']);
    expect(Object.keys(selectProfiles(topology, ['*']).topology.spec.nodes)).toHaveLength(6);
  });

  it('refuses a required dependency on a node whose profiles are not active', () => {
    const onlyTests = makeTopology({
      seed: { kind: 'job', image: 'busybox', profiles: ['dev'] },
      tests: {
        kind: 'job',
        image: 'busybox',
        profiles: ['test'],
        dependsOn: [{ node: 'seed', condition: 'completed' }],
      },
    });
    const selection = selectProfiles(onlyTests, ['test']);
    expect(selection.problems.map((p) => [p.code, p.nodeId, p.message])).toEqual([
      [
        'PROFILE_DEPENDENCY_DISABLED',
        'tests',
        '"tests" requires "seed", which runs only with profile "dev": activate it, or mark the dependency `required: false`.',
      ],
    ]);
  });

  it('leaves a topology without profiles untouched (the same object)', () => {
    const plain = makeTopology({ a: { kind: 'service', image: 'x' } });
    expect(selectProfiles(plain, ['x']).topology).toBe(plain);
  });
});
