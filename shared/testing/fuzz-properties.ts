import fc from 'fast-check';
import { exportCompose } from '../compose/export';
import { importCompose } from '../compose/import';
import { interpolateValue } from '../compose/interpolate';
import { loadDocument } from '../compose/load-document';
import { REQUEST_CHANNELS, type RequestChannel } from '../ipc/channels';
import { createDispatcher } from '../ipc/dispatcher';
import { ErrorCode } from '../ipc/errors';
import { serializeTopology } from '../topology/document';
import { PROBLEM_CODES } from '../topology/problem-codes';
import type { Problem } from '../topology/problem';
import { handlersFor } from './ipc-handlers';
import { arbitraryTopology, makeTopology } from './topologies';

/*
 * The fuzzing properties, shared by the test suite (a bounded number of runs each) and the fuzz
 * script (`bench/fuzz.bench.ts`, 10,000 each). Each says: whatever the input, the code under test
 * answers, with a typed result or a typed rejection — it never throws, never hangs.
 */

export interface FuzzProperty {
  readonly name: string;
  readonly property: fc.IAsyncProperty<[unknown]> | fc.IProperty<[unknown]>;
}

const KNOWN_PROBLEMS = new Set(Object.keys(PROBLEM_CODES));
const KNOWN_ERRORS = new Set<string>(ErrorCode.options);

function typedProblems(problems: readonly Problem[]): boolean {
  return problems.every((p) => KNOWN_PROBLEMS.has(p.code) && typeof p.message === 'string');
}

/** JSON with sorted keys and no undefined values, so equal models compare equal as text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A valid payload per channel: mutations of these reach deep into each schema. */
const SEEDS: Record<RequestChannel, unknown> = Object.fromEntries(
  REQUEST_CHANNELS.map((channel) => [channel, {}]),
) as Record<RequestChannel, unknown>;
Object.assign(SEEDS, {
  'runs.start': {
    topology: makeTopology({ web: { kind: 'service', image: 'nginx', ports: [{ target: 80 }] } }),
    idempotencyKey: 'k-1',
    project: 'demo',
    profiles: ['debug'],
  },
  'runs.cancel': { runId: '20260101-abc' },
  'runs.cleanup': { project: 'demo', volumes: true },
  'runs.get': { runId: '20260101-abc' },
  'runs.adopt': { project: 'demo' },
  'runs.volumes': { project: 'demo' },
  'files.read': { path: 'a/b.yaml' },
  'files.write': { path: 'a/b.yaml', content: 'x: 1' },
  'telemetry.metrics': { names: ['dockwright_runs_total'], buckets: true },
  'health.get': { project: 'demo' },
  'chaos.kill': { project: 'demo', nodeId: 'web' },
});

/** A JSON value with one random change: a value replaced, a key added or removed, a wrong type. */
function mutated(seed: unknown): fc.Arbitrary<unknown> {
  const paths: Array<Array<string | number>> = [];
  const walk = (value: unknown, at: Array<string | number>) => {
    paths.push(at);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i]));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
  };
  walk(seed, []);
  const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', '', ' ', 'x'.repeat(300));
  return fc
    .record({
      path: fc.constantFrom(...paths),
      change: fc.oneof(
        fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
        fc.record({
          kind: fc.constant('add' as const),
          key: fc.oneof(fc.string(), hostileKeys),
          value: fc.jsonValue({ maxDepth: 2 }),
        }),
        fc.record({ kind: fc.constant('delete' as const) }),
        fc.record({ kind: fc.constant('wrap' as const) }),
      ),
    })
    .map(({ path, change }) => {
      const copy = JSON.parse(JSON.stringify(seed)) as unknown;
      const parentPath = path.slice(0, -1);
      let parent: unknown = copy;
      for (const step of parentPath) parent = (parent as Record<string | number, unknown>)[step];
      const last = path.at(-1);
      const set = (value: unknown) => {
        if (last === undefined) return value;
        (parent as Record<string | number, unknown>)[last] = value;
        return copy;
      };
      const current = last === undefined ? copy : (parent as Record<string | number, unknown>)[last];
      switch (change.kind) {
        case 'replace':
          return set(change.value);
        case 'add':
          if (current && typeof current === 'object' && !Array.isArray(current))
            Object.defineProperty(current, change.key, {
              value: change.value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
          return copy;
        case 'delete':
          if (last !== undefined && parent && typeof parent === 'object')
            delete (parent as Record<string | number, unknown>)[last];
          return last === undefined ? undefined : copy;
        case 'wrap':
          return set([current]);
      }
    });
}

// Handlers refuse everything, as a bug would: the dispatcher must turn that into INTERNAL too.
const dispatcher = createDispatcher(handlersFor({}), { onInternalError: () => {} });

/** Any envelope, or a well-formed one with a random or mutated payload, through the real dispatcher. */
const envelope = fc.oneof(
  fc.anything(),
  fc.record({ id: fc.string(), channel: fc.constantFrom(...REQUEST_CHANNELS), payload: fc.anything() }),
  fc
    .constantFrom(...REQUEST_CHANNELS)
    .chain((channel) => mutated(SEEDS[channel]).map((payload) => ({ id: `f-${channel}`, channel, payload }))),
);

/** Text that is nearly a document: valid YAML of a topology or Compose file, cut and spliced. */
const composeText = `services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    environment:\n      A: \${A:-x}\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: postgres:16\n    healthcheck: {test: [CMD, pg_isready]}\nvolumes:\n  data: {}\n`;
const topologyText = serializeTopology(
  makeTopology({
    web: { kind: 'service', image: 'nginx', dependsOn: [{ node: 'db', condition: 'healthy' }] },
    db: { kind: 'service', image: 'postgres', healthcheck: { test: 'true' } },
  }),
);
const spliced = fc
  .record({
    base: fc.constantFrom(composeText, topologyText),
    at: fc.nat(),
    cut: fc.nat({ max: 40 }),
    insert: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '&a [*a,*a]',
        '*b',
        '{{{',
        '"\\',
        ': :',
        '\t',
        '\u0000',
        '<<: *x',
        '!!binary',
        '? ',
        '- - -',
      ),
    ),
  })
  .map(({ base, at, cut, insert }) => {
    const i = at % (base.length + 1);
    return base.slice(0, i) + insert + base.slice(i + cut);
  });

export const FUZZ_PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'IPC requests through the dispatcher',
    property: fc.asyncProperty(envelope, async (raw) => {
      const response = await dispatcher.handle(raw);
      if (typeof response.id !== 'string') return false;
      // Rejections are typed; a handler's own bug is INTERNAL, never an exception out of here.
      return response.ok || KNOWN_ERRORS.has(response.error.code);
    }),
  },
  {
    name: 'YAML documents (topology or Compose) from text',
    property: fc.property(
      fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), spliced),
      (text) => {
        const result = loadDocument(text, 'fuzz.yaml', { A: 'a' });
        return result.ok || (result.problems.length > 0 && typedProblems(result.problems));
      },
    ),
  },
  {
    name: 'Compose import from text',
    property: fc.property(spliced, (text) => {
      const result = importCompose(text, { env: {}, fileName: 'compose.yaml' });
      return typedProblems(result.problems) && (result.ok || result.problems.length > 0);
    }),
  },
  {
    name: 'Compose export then import is the identity on the model',
    property: fc.property(arbitraryTopology, (topology) => {
      const exported = exportCompose(topology, { includeSecrets: true });
      const again = importCompose(exported.yaml, { env: {}, fileName: 'x/compose.yaml' });
      return again.ok && canonical(again.topology) === canonical(topology);
    }),
  },
  {
    name: 'Variable interpolation',
    property: fc.property(
      fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[a-z${}:?+\-=_ A-Z]{0,40}$/)),
      (text) => {
        const problems: Problem[] = [];
        const value = interpolateValue({ text }, { A: 'a', EMPTY: '' }, problems);
        return typeof (value as { text: unknown }).text === 'string' && typedProblems(problems);
      },
    ),
  },
];
