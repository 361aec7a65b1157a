import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseTopology, serializeTopology } from './document';
import { topologyJsonSchemaText } from './json-schema';
import type { Topology } from './model';
import { arbitraryTopology, makeTopology } from '../testing/topologies';
import { CURRENT_API_VERSION } from './version';

const EXAMPLE = `apiVersion: ${CURRENT_API_VERSION}
kind: Topology
metadata:
  name: shop
spec:
  nodes:
    db:
      kind: service
      image: postgres:16-alpine
      healthcheck:
        test: [CMD, pg_isready]
        interval: 5s
      mounts:
        - type: volume
          source: pgdata
          target: /var/lib/postgresql/data
    migrate:
      kind: job
      image: shop/migrate:1
      dependsOn:
        - node: db
          condition: healthy
      retry:
        maxAttempts: 3
        backoff: { initial: 1s, max: 30s, jitter: 0.2 }
    api:
      kind: service
      image: shop/api:1
      ports:
        - target: 8080
          published: 8080
      dependsOn:
        - node: migrate
          condition: completed
    pgdata:
      kind: volume
layout:
  nodes:
    db: { x: 0, y: 0 }
    api: { x: 300, y: 0 }
`;

describe('parseTopology', () => {
  it('reads a topology file', () => {
    const result = parseTopology(EXAMPLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.topology.spec.nodes)).toEqual(['db', 'migrate', 'api', 'pgdata']);
    expect(result.topology.spec.nodes['migrate']).toMatchObject({ kind: 'job', retry: { maxAttempts: 3 } });
  });

  it('reports schema errors at their line and column', () => {
    const bad = EXAMPLE.replace(
      '      ports:\n        - target: 8080',
      '      ports:\n        - target: "eighty"',
    ).replace('      retry:', '      retyr:');
    const result = parseTopology(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byCode = result.problems.map((p) => ({
      code: p.code,
      path: p.path.join('.'),
      line: p.line,
      nodeId: p.nodeId,
    }));
    expect(byCode).toContainEqual({
      code: 'SCHEMA_INVALID',
      path: 'spec.nodes.api.ports.0.target',
      line: 30,
      nodeId: 'api',
    });
    expect(byCode).toContainEqual({
      code: 'SCHEMA_INVALID',
      path: 'spec.nodes.migrate.retyr',
      line: 23,
      nodeId: 'migrate',
    });
    expect(result.problems.find((p) => p.path.join('.') === 'spec.nodes.migrate.retyr')?.message).toContain(
      '"retyr"',
    );
  });

  it('names the allowed kinds when a kind is wrong', () => {
    const result = parseTopology(EXAMPLE.replace('kind: volume', 'kind: disk'));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems[0]?.message).toMatch(
        /"kind" must be one of "service", "job", "volume", "network"/,
      );
  });
});

describe('serializeTopology', () => {
  it('round-trips and is stable', () => {
    const first = parseTopology(EXAMPLE);
    if (!first.ok) throw new Error('example must parse');
    const text = serializeTopology(first.topology);
    const second = parseTopology(text);
    expect(second.ok && second.topology).toEqual(first.topology);
    if (second.ok) expect(serializeTopology(second.topology)).toBe(text);
  });

  it('writes keys in canonical order whatever order they were set in', () => {
    const a = makeTopology({
      web: { image: 'nginx', kind: 'service', ports: [{ published: 80, target: 80 }] },
    });
    const text = serializeTopology(a);
    expect(text.indexOf('kind: service')).toBeLessThan(text.indexOf('image: nginx'));
    expect(text.indexOf('target: 80')).toBeLessThan(text.indexOf('published: 80'));
  });

  it('moving a node changes only the layout section', () => {
    const parsed = parseTopology(EXAMPLE);
    if (!parsed.ok) throw new Error('example must parse');
    const before = serializeTopology(parsed.topology).split('\n');
    const moved: Topology = {
      ...parsed.topology,
      layout: { nodes: { ...parsed.topology.layout?.nodes, db: { x: 42, y: -7 } } },
    };
    const after = serializeTopology(moved).split('\n');
    const layoutStart = before.indexOf('layout:');
    expect(layoutStart).toBeGreaterThan(0);
    expect(after.slice(0, layoutStart)).toEqual(before.slice(0, layoutStart));
    expect(after.slice(layoutStart)).not.toEqual(before.slice(layoutStart));
  });

  it('quotes strings that YAML 1.1 would read as something else', () => {
    const t = makeTopology({
      web: { kind: 'service', image: 'nginx', environment: { A: 'no', B: '22:22', C: '0755', D: 'on' } },
    });
    const text = serializeTopology(t);
    expect(parseYaml(text, { version: '1.1' })).toMatchObject({
      spec: { nodes: { web: { environment: { A: 'no', B: '22:22', C: '0755', D: 'on' } } } },
    });
  });

  it('round-trips random topologies through the file format (property)', () => {
    fc.assert(
      fc.property(arbitraryTopology, (topology) => {
        const text = serializeTopology(topology);
        const back = parseTopology(text);
        expect(back.ok ? [] : back.problems).toEqual([]);
        expect(back.ok && back.topology).toEqual(topology);
        // The same text must also read back identically under YAML 1.1 rules.
        expect(parseYaml(text, { version: '1.1' })).toEqual(parseYaml(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('migrations', () => {
  const v1alpha1 = `apiVersion: dockwright.dev/v1alpha1
kind: Topology
metadata: { name: old }
spec:
  nodes:
    - id: db
      kind: service
      image: postgres
      position: { x: 10, y: 20 }
    - id: api
      kind: service
      image: api
      dependsOn:
        - db
        - node: db
          condition: service_healthy
`;

  it('loads an older apiVersion with a note and moves positions into the layout', () => {
    const result = parseTopology(v1alpha1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.topology.apiVersion).toBe(CURRENT_API_VERSION);
    expect(result.topology.spec.nodes['api']).toMatchObject({
      dependsOn: [
        { node: 'db', condition: 'started' },
        { node: 'db', condition: 'healthy' },
      ],
    });
    expect(result.topology.layout?.nodes?.['db']).toEqual({ x: 10, y: 20 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'API_VERSION_MIGRATED', severity: 'info', line: 1 });
    expect(result.problems[0]?.message).toContain('v1alpha1');
  });

  it('refuses a newer apiVersion clearly', () => {
    for (const version of [
      'dockwright.dev/v1beta1',
      'dockwright.dev/v1',
      'dockwright.dev/v2alpha1',
      'dockwright.dev/v1alpha3',
    ]) {
      const result = parseTopology(EXAMPLE.replace(CURRENT_API_VERSION, version));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.problems[0]).toMatchObject({ code: 'API_VERSION_NEWER', line: 1 });
        expect(result.problems[0]?.message).toMatch(/newer Dockwright/);
      }
    }
  });

  it('refuses a foreign or unknown apiVersion', () => {
    for (const version of ['apps/v1', 'dockwright.dev/v0', 'dockwright.dev/banana']) {
      const result = parseTopology(EXAMPLE.replace(CURRENT_API_VERSION, version));
      expect(result.ok ? 'ok' : result.problems[0]?.code).toBe('API_VERSION_UNKNOWN');
    }
  });
});

describe('JSON Schema', () => {
  const schemaPath = path.resolve(__dirname, 'topology.schema.json');

  it('the committed schema matches the zod model (run `node scripts/run-ts.mjs scripts/gen-schema.ts`)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(topologyJsonSchemaText());
  });

  it('accepts the example and rejects a typo', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const check = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    expect(check(parseYaml(EXAMPLE))).toBe(true);
    expect(check(parseYaml(EXAMPLE.replace('image: shop/api:1', 'imag: shop/api:1')))).toBe(false);
  });
});
