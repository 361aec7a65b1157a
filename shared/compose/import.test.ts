import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../topology/problem';
import { importCompose } from './import';

const fixture = (name: string): string =>
  readFileSync(path.resolve(__dirname, 'test-fixtures', name), 'utf8');

function mustImport(text: string, env: Record<string, string> = {}) {
  const result = importCompose(text, { env, fileName: 'proj/compose.yaml' });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.code}: ${p.message}`).join('\n'));
  return result;
}

const codes = (problems: readonly Problem[]): string[] => problems.map((p) => p.code);

describe('importCompose: the tricky file', () => {
  const { topology, problems } = mustImport(fixture('tricky.yaml'), { PG_VERSION: '15' });
  const nodes = topology.spec.nodes;

  it('takes the project name from `name:`', () => {
    expect(topology.metadata.name).toBe('tricky');
  });

  it('resolves anchors, merge keys and interpolation with defaults; environment values keep ${VAR}', () => {
    expect(nodes['db']).toMatchObject({
      image: 'postgres:15-alpine',
      restart: 'unless-stopped',
      labels: { 'com.example.tier': 'backend' },
    });
    expect(nodes['db']?.kind === 'service' && nodes['db'].environment).toEqual({
      TZ: '${TZ:-UTC}',
      LITERAL: 'cost: $5',
      POSTGRES_PASSWORD_FILE: '/run/secrets/pg',
    });
  });

  it('un-escapes $$ to a literal dollar', () => {
    expect(nodes['db']?.kind === 'service' && nodes['db'].healthcheck?.test).toEqual([
      'CMD-SHELL',
      'pg_isready -U ${POSTGRES_USER:-postgres}',
    ]);
  });

  it('merges `extends` within the file', () => {
    expect(nodes['worker']).toMatchObject({
      kind: 'service',
      image: 'alpine:3.19',
      command: ['sh', '-c', 'work'],
      environment: { SHARED: '1', EXTRA: '2' },
      mounts: [{ type: 'bind', source: './shared', target: '/shared', readOnly: true }],
      profiles: ['tools', 'debug'],
    });
  });

  it('turns a non-restarting service that others wait to complete into a job', () => {
    expect(nodes['migrate']).toMatchObject({
      kind: 'job',
      command: 'migrate up',
      dependsOn: [{ node: 'db', condition: 'healthy', restart: true }],
    });
    expect(nodes['migrate']).not.toHaveProperty('restart');
    expect(nodes['api']?.kind).toBe('service');
  });

  it('reads short and long port syntax, ranges included', () => {
    expect(nodes['api']?.kind === 'service' && nodes['api'].ports).toEqual([
      { target: 22, published: 22 },
      { target: 80, published: 8080, hostIp: '127.0.0.1' },
      { target: 9229, published: 9229, protocol: 'tcp' },
      { target: 9000, published: 9000, protocol: 'udp' },
      { target: 9001, published: 9001, protocol: 'udp' },
    ]);
  });

  it('reads long-syntax volumes, networks, secrets (octal mode) and tmpfs', () => {
    const db = nodes['db'];
    expect(db?.kind === 'service' && db.mounts).toEqual([
      { type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', nocopy: true },
    ]);
    expect(db?.kind === 'service' && db.networks).toEqual([
      { network: 'back', aliases: ['database'], ipv4Address: '10.5.0.10' },
    ]);
    expect(db?.kind === 'service' && db.secrets).toEqual([{ source: 'pg', target: 'pg', mode: 0o400 }]);
    expect(nodes['api']?.kind === 'service' && nodes['api'].mounts).toEqual([
      { type: 'tmpfs', target: '/run' },
    ]);
    expect(nodes['back']).toEqual({ kind: 'network', subnets: [{ subnet: '10.5.0.0/16' }] });
  });

  it('keeps x- fields at every level', () => {
    expect(topology.spec.extensions?.['x-custom-meta']).toEqual({ owner: 'platform-team', tags: ['a', 'b'] });
    expect(nodes['api']?.extensions).toEqual({ 'x-team': 'api-team' });
    expect(nodes['pgdata']?.extensions).toEqual({ 'x-backup': 'daily' });
  });

  it('keeps profiles, resources, configs and secrets', () => {
    expect(nodes['api']).toMatchObject({
      replicas: 1,
      resources: { limits: { cpus: '0.50', memory: '512M' }, reservations: { memory: '128M' } },
      configs: [{ source: 'api-config' }],
    });
    expect(topology.spec.secrets).toEqual({ pg: { file: './secrets/pg.txt' } });
    expect(topology.spec.configs).toEqual({ 'api-config': { content: 'mode: production' } });
  });

  it('only notes the tmpfs conversion', () => {
    expect(codes(problems)).toEqual(['COMPOSE_CONVERTED']);
  });
});

describe('importCompose: losses are reported, never silent', () => {
  const { problems, topology } = mustImport(fixture('unsupported.yaml'));

  it('warns about each unrepresentable field at its line', () => {
    const unsupported = problems.filter((p) => p.code === 'COMPOSE_UNSUPPORTED').map((p) => p.path.join('.'));
    expect(unsupported.sort()).toEqual(
      [
        'include',
        'services.other.build.ssh',
        'services.web.cpu_shares',
        'services.web.deploy.placement',
        'services.web.extends.file',
        'services.web.mac_address',
        'services.web.ports.0.app_protocol',
        'services.web.volumes_from',
      ].sort(),
    );
    expect(problems.every((p) => p.line !== undefined)).toBe(true);
    expect(problems.find((p) => p.path.join('.') === 'services.web.mac_address')).toMatchObject({
      line: 6,
      nodeId: 'web',
      severity: 'warning',
    });
  });

  it('converts legacy fields and says so', () => {
    expect(problems.filter((p) => p.code === 'COMPOSE_CONVERTED').map((p) => p.path.join('.'))).toEqual([
      'services.web.links.0',
      'services.web.mem_limit',
      'services.other.scale',
    ]);
    expect(topology.spec.nodes['web']).toMatchObject({
      dependsOn: [{ node: 'other', condition: 'started' }],
      resources: { limits: { memory: '256m' } },
      replicas: 2,
      logging: { driver: 'json-file', options: { 'max-size': '10m' } },
    });
    expect(topology.spec.nodes['other']).toMatchObject({ replicas: 3 });
  });
});

describe('importCompose: details', () => {
  it('warns once per unset variable and uses a blank', () => {
    const { topology, problems } = mustImport(
      'services:\n  a:\n    image: x${TAG}\n    command: ["${TAG}"]\n    environment: ["TZ=${TZ}", "B=${TZ}"]\n',
    );
    expect(problems.map((p) => [p.code, p.line])).toEqual([['COMPOSE_VARIABLE_UNSET', 3]]);
    // Environment values are resolved by the run, not here.
    expect(topology.spec.nodes['a']).toMatchObject({ image: 'x', environment: { TZ: '${TZ}', B: '${TZ}' } });
  });

  it('fails on a required variable', () => {
    const result = importCompose('services:\n  a:\n    image: ${IMAGE:?set IMAGE}\n');
    expect(result.ok).toBe(true);
    expect(result.ok && codes(result.problems)).toEqual(['COMPOSE_VARIABLE_REQUIRED']);
  });

  it('derives the project name from the folder when there is no name', () => {
    const result = importCompose('services:\n  a: {image: x}\n', {
      fileName: '/home/me/My Shop/docker-compose.yml',
    });
    expect(result.ok && result.topology.metadata.name).toBe('myshop');
  });

  it('keeps services, volumes and networks with the same name apart', () => {
    const { topology } = mustImport(
      'services:\n  data:\n    image: x\n    volumes: [data:/d]\n    networks: [data]\nvolumes:\n  data: {}\nnetworks:\n  data: {}\n',
    );
    expect(Object.keys(topology.spec.nodes)).toEqual(['data', 'data-volume', 'data-network']);
    expect(topology.spec.nodes['data']).toMatchObject({
      mounts: [{ source: 'data-volume' }],
      networks: [{ network: 'data-network' }],
    });
    expect(topology.spec.nodes['data-volume']).toEqual({ kind: 'volume', name: 'data' });
  });

  it('creates an undeclared volume with an error and the default network silently', () => {
    const { topology, problems } = mustImport(
      'services:\n  a:\n    image: x\n    volumes: [undeclared:/d]\n    networks: [default]\n',
    );
    expect(codes(problems)).toEqual(['COMPOSE_INVALID']);
    expect(topology.spec.nodes['undeclared']).toEqual({ kind: 'volume' });
    expect(topology.spec.nodes['default']).toEqual({ kind: 'network' });
  });

  it('reads short-syntax volumes of every kind', () => {
    const { topology } = mustImport(
      'services:\n  a:\n    image: x\n    volumes:\n      - /anon\n      - named:/n:ro,nocopy\n      - ./rel:/r:rw,z\n      - ~/home:/h\n      - C:\\data:/w\n      - /abs:/a:rshared\nvolumes:\n  named: {}\n',
    );
    expect(topology.spec.nodes['a']).toMatchObject({
      mounts: [
        { type: 'volume', target: '/anon' },
        { type: 'volume', source: 'named', target: '/n', readOnly: true, nocopy: true },
        { type: 'bind', source: './rel', target: '/r', selinux: 'z' },
        { type: 'bind', source: '~/home', target: '/h' },
        { type: 'bind', source: 'C:\\data', target: '/w' },
        { type: 'bind', source: '/abs', target: '/a', propagation: 'rshared' },
      ],
    });
  });

  it('reads depends_on lists and every condition, and reports an unknown one', () => {
    const { topology, problems } = mustImport(
      'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on:\n      c: {condition: service_healthy}\n      d: {condition: service_done}\n  c: {image: x, healthcheck: {test: "true"}}\n  d: {image: x}\n',
    );
    expect(topology.spec.nodes['a']).toMatchObject({ dependsOn: [{ node: 'b', condition: 'started' }] });
    expect(topology.spec.nodes['b']).toMatchObject({
      dependsOn: [
        { node: 'c', condition: 'healthy' },
        { node: 'd', condition: 'started' },
      ],
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['services.b.depends_on.d.condition']);
  });

  it('reports an extends cycle and a missing base', () => {
    const result = importCompose(
      'services:\n  a: {image: x, extends: b}\n  b: {extends: {service: a}}\n  c: {image: x, extends: nope}\n',
    );
    expect(result.ok ? codes(result.problems).sort() : []).toEqual(['COMPOSE_EXTENDS', 'COMPOSE_EXTENDS']);
  });

  it('accepts hundreds of services sharing one fragment through merge keys', () => {
    const services = Array.from(
      { length: 300 },
      (_, i) => `  s${i}:\n    <<: *defaults\n    environment:\n      <<: *env\n      N: "${i}"\n`,
    ).join('');
    const { topology } = mustImport(
      `x-defaults: &defaults\n  image: app:1\n  restart: always\n  environment: &env\n    TZ: UTC\nservices:\n${services}`,
    );
    expect(Object.keys(topology.spec.nodes)).toHaveLength(300);
    expect(topology.spec.nodes['s299']).toMatchObject({
      image: 'app:1',
      restart: 'always',
      environment: { TZ: 'UTC', N: '299' },
    });
  });

  it('reads x-dockwright once, reporting fields it does not know', () => {
    const { topology, problems } = mustImport(
      'services:\n  a:\n    image: x\n    x-dockwright: {id: alpha, kind: job, future: 1}\n  b:\n    image: x\n    x-dockwright: {retry: 3}\n',
    );
    expect(Object.keys(topology.spec.nodes)).toEqual(['alpha', 'b']);
    expect(topology.spec.nodes['alpha']).toMatchObject({ kind: 'job', name: 'a' });
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['COMPOSE_UNSUPPORTED', 'services.a.x-dockwright.future'],
      ['COMPOSE_INVALID', 'services.b.x-dockwright'],
    ]);
  });

  it('refuses a file without services', () => {
    const result = importCompose('version: "3"\nvolumes: {}\n');
    expect(result.ok ? [] : codes(result.problems)).toEqual(['COMPOSE_INVALID']);
  });
});

describe('importCompose: hostile input gets a clear error quickly', () => {
  const timed = (text: string): { codes: string[]; ms: number } => {
    const start = performance.now();
    const result = importCompose(text);
    return { codes: result.ok ? [] : codes(result.problems), ms: performance.now() - start };
  };

  it.each([
    ['alias-bomb.yaml', 'YAML_ALIAS_LIMIT'],
    ['duplicate-keys.yaml', 'YAML_DUPLICATE_KEY'],
  ])('%s -> %s', (file, code) => {
    const { codes: found, ms } = timed(fixture(file));
    expect(found).toEqual([code]);
    // Refused in linear time: a quadratic check would take minutes; the bench measures the speed.
    expect(ms).toBeLessThan(5_000);
  });

  it('binary garbage (generated: a binary fixture file would trip the formatter)', () => {
    let seed = 42;
    const bytes = Uint8Array.from({ length: 400 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    });
    const { codes: found, ms } = timed(`services:\n  web:\n    image: ${new TextDecoder().decode(bytes)}`);
    expect(found).toEqual(['INPUT_BINARY']);
    // Refused in linear time: a quadratic check would take minutes; the bench measures the speed.
    expect(ms).toBeLessThan(5_000);
  });

  it('deeply nested documents', () => {
    const { codes: found, ms } = timed(
      `services:\n  a:\n    command: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    );
    expect(found).toEqual(['INPUT_TOO_DEEP']);
    // Refused in linear time: a quadratic check would take minutes; the bench measures the speed.
    expect(ms).toBeLessThan(5_000);
  });

  it('documents over 10 MiB', () => {
    const { codes: found, ms } = timed(
      `services:\n  a:\n    image: x\n    environment:\n${'      K: v\n'.repeat(1_000_000)}`,
    );
    expect(found).toEqual(['INPUT_TOO_LARGE']);
    // Refused in linear time: a quadratic check would take minutes; the bench measures the speed.
    expect(ms).toBeLessThan(5_000);
  });
});
