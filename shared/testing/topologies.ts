// Builders and fast-check arbitraries for tests (imported by *.test.ts files only).
import fc from 'fast-check';
import type { Dependency, Topology, TopologyNode } from '../topology/model';
import { findReservedKeys } from '../topology/reserved-keys';
import { CURRENT_API_VERSION } from '../topology/version';

export function makeTopology(
  nodes: Record<string, TopologyNode>,
  rest: Partial<Omit<Topology, 'spec'>> & { spec?: Partial<Topology['spec']> } = {},
): Topology {
  return {
    apiVersion: CURRENT_API_VERSION,
    kind: 'Topology',
    metadata: rest.metadata ?? { name: 'demo' },
    spec: { ...rest.spec, nodes },
    ...(rest.layout ? { layout: rest.layout } : {}),
  };
}

const conditions = ['started', 'healthy', 'completed'] as const;

/**
 * A random DAG: node i may depend only on nodes with a smaller index (so no cycles), with random
 * kinds, and volumes/networks mounted or joined. Ids are shuffled so index order is not id order.
 */
export const arbitraryDag = fc
  .record({
    size: fc.integer({ min: 1, max: 40 }),
    resources: fc.integer({ min: 0, max: 6 }),
    seed: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.nat()), { minLength: 120, maxLength: 120 }),
  })
  .map(({ size, resources, seed }) => {
    const ids = Array.from({ length: size }, (_, i) => `n${(i * 7919) % 1009}-${i}`);
    const resourceIds = Array.from({ length: resources }, (_, i) => (i % 2 === 0 ? `vol${i}` : `net${i}`));
    const nodes: Record<string, TopologyNode> = {};
    for (const id of resourceIds) nodes[id] = id.startsWith('vol') ? { kind: 'volume' } : { kind: 'network' };
    ids.forEach((id, i) => {
      const [a = 0, b = 0, isJob = false, c = 0] = seed[i % seed.length] ?? [];
      const deps: Dependency[] = [];
      for (let k = 0; k < i && deps.length < 4; k++) {
        if ((a + k * 31 + b) % 3 === 0)
          deps.push({ node: ids[k] ?? '', condition: conditions[(c + k) % 3] ?? 'started' });
      }
      const vol = resourceIds.filter((r) => r.startsWith('vol'))[(a + i) % Math.max(1, resources)];
      const net = resourceIds.filter((r) => r.startsWith('net'))[(b + i) % Math.max(1, resources)];
      nodes[id] = {
        kind: isJob ? 'job' : 'service',
        image: 'alpine:3',
        ...(deps.length > 0 ? { dependsOn: deps } : {}),
        ...(vol ? { mounts: [{ type: 'volume' as const, source: vol, target: '/data' }] } : {}),
        ...(net ? { networks: [{ network: net }] } : {}),
      };
    });
    return makeTopology(nodes);
  });

/** Strings chosen to trip YAML writers: 1.1 booleans, sexagesimal, octal, `$`, `#`, newlines. */
const trickyString = fc.oneof(
  fc.constantFrom(
    'no',
    'on',
    'yes',
    'off',
    'Y',
    '22:22',
    '1:20:30',
    '0755',
    '0o17',
    '1_000',
    '~',
    'null',
    '',
    ' ',
    '$HOME',
    '$$',
    '#x',
    'a: b',
    '- x',
    '2001-12-14',
    '.inf',
    '1e3',
    'true',
    '@x',
    '*a',
    '&a',
    '!tag',
    '%x',
    '"q"',
    "'s'",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const stringMap = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), trickyString, {
  minKeys: 1,
  maxKeys: 4,
});
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const serviceArb = fc
  .record({
    image: opt(
      fc.constantFrom('nginx', 'postgres:16', 'ghcr.io/a/b:1.2', 'localhost:5000/x@sha256:' + 'a'.repeat(64)),
    ),
    command: opt(fc.oneof(trickyString, fc.array(trickyString, { maxLength: 4 }))),
    environment: opt(
      fc.dictionary(fc.stringMatching(/^[A-Z_]{1,6}$/), fc.option(trickyString, { nil: null }), {
        minKeys: 1,
        maxKeys: 4,
      }),
    ),
    labels: opt(stringMap),
    ports: opt(
      fc.array(
        fc
          .record({
            target: fc.integer({ min: 1, max: 65535 }),
            published: opt(fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constant('8000-8010'))),
            protocol: opt(fc.constantFrom('tcp' as const, 'udp' as const)),
          })
          .map(definedOnly),
        { maxLength: 3 },
      ),
    ),
    replicas: opt(fc.integer({ min: 0, max: 5 })),
    restart: opt(fc.constantFrom('no', 'always', 'on-failure:3', 'unless-stopped')),
    healthcheck: opt(
      fc
        .record({
          test: fc.array(trickyString, { minLength: 1, maxLength: 3 }),
          interval: opt(fc.constantFrom('10s', '1m30s')),
          retries: opt(fc.nat(10)),
        })
        .map(definedOnly),
    ),
    user: opt(trickyString),
    init: opt(fc.boolean()),
  })
  .map((fields) => ({ kind: 'service' as const, ...definedOnly(fields) }));

const jobArb = fc
  .record({
    image: fc.constant('busybox'),
    command: opt(fc.array(trickyString, { maxLength: 3 })),
    timeout: opt(fc.constantFrom('30s', '5m')),
    retry: opt(
      fc
        .record({
          maxAttempts: fc.integer({ min: 1, max: 5 }),
          backoff: opt(
            fc
              .record({ initial: fc.constant('1s'), jitter: opt(fc.double({ min: 0, max: 1, noNaN: true })) })
              .map(definedOnly),
          ),
        })
        .map(definedOnly),
    ),
    successExitCodes: opt(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 })),
  })
  .map((fields) => ({ kind: 'job' as const, ...definedOnly(fields) }));

const volumeArb = fc
  .record({ driver: opt(fc.constant('local')), external: opt(fc.boolean()), labels: opt(stringMap) })
  .map((f) => ({ kind: 'volume' as const, ...definedOnly(f) }));
const networkArb = fc
  .record({
    internal: opt(fc.boolean()),
    subnets: opt(fc.constant([{ subnet: '172.28.0.0/16' }]).map((s) => s.map((x) => ({ ...x })))),
  })
  .map((f) => ({ kind: 'network' as const, ...definedOnly(f) }));

const jsonWithoutReservedKeys = fc
  .jsonValue({ maxDepth: 2 })
  .filter((value) => findReservedKeys(value).length === 0);

/** Random, schema-valid topologies (not necessarily problem-free) for file-format round trips. */
export const arbitraryTopology: fc.Arbitrary<Topology> = fc
  .record({
    project: name,
    description: opt(trickyString),
    nodes: fc.dictionary(name, fc.oneof(serviceArb, jobArb, volumeArb, networkArb), { maxKeys: 8 }),
    layout: opt(
      fc.dictionary(
        name,
        fc.record({
          x: fc.integer({ min: -5000, max: 5000 }),
          y: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        }),
        { minKeys: 1, maxKeys: 3 },
      ),
    ),
    secrets: opt(
      fc.dictionary(
        name,
        fc.oneof(fc.record({ file: trickyString }), fc.record({ environment: trickyString })),
        { minKeys: 1, maxKeys: 2 },
      ),
    ),
    extensions: opt(
      // Keys a reader refuses (`prototype` and the like: NAME_RESERVED) make a model that cannot be
      // written and read back; they are the hostile-input fuzzers' business, not this arbitrary's.
      fc.dictionary(fc.stringMatching(/^x-[a-z]{1,6}$/), jsonWithoutReservedKeys, {
        minKeys: 1,
        maxKeys: 2,
      }),
    ),
  })
  .map(({ project, description, nodes, layout, secrets, extensions }) =>
    makeTopology(nodes, {
      metadata: definedOnly({ name: project, description }),
      spec: definedOnly({ secrets, extensions }),
      ...(layout ? { layout: { nodes: layout } } : {}),
    }),
  );

/** A network, a volume, a database, a migration job and an API that waits for both. */
export function threeTier(): Topology {
  return makeTopology(
    {
      backend: { kind: 'network' },
      data: { kind: 'volume' },
      db: {
        kind: 'service',
        image: 'postgres:16',
        healthcheck: { test: ['CMD', 'pg_isready'] },
        networks: [{ network: 'backend' }],
        mounts: [{ type: 'volume', source: 'data', target: '/var/lib/postgresql/data' }],
      },
      migrate: { kind: 'job', image: 'app:1', dependsOn: [{ node: 'db', condition: 'healthy' }] },
      api: {
        kind: 'service',
        image: 'app:1',
        dependsOn: [
          { node: 'db', condition: 'healthy' },
          { node: 'migrate', condition: 'completed' },
        ],
      },
    },
    { layout: { nodes: { db: { x: 0, y: 0 }, api: { x: 300, y: 0 } } } },
  );
}
