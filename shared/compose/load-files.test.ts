import { describe, expect, it } from 'vitest';
import { memoryFiles } from '../testing/memory-files';
import { validate } from '../topology/validate';
import { loadFiles } from './load-files';

const load = (files: Record<string, string>, paths: string[], env: Record<string, string> = {}) =>
  loadFiles(paths, { host: memoryFiles(files), env, name: (p) => p.replace(/^\/p\//, '') });

const ok = (result: ReturnType<typeof load>) => {
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.file ?? ''} ${p.message}`).join('\n'));
  return result;
};

describe('loadFiles: several Compose files', () => {
  it('merges -f files in order, the later overriding, paths relative to the first file', () => {
    const doc = ok(
      load(
        {
          '/p/compose.yaml':
            'services:\n  web:\n    image: nginx:1\n    ports: ["80:80"]\n    environment: [A=1]\n',
          '/p/env/prod.yaml':
            'services:\n  web:\n    image: nginx:2\n    ports: ["443:443"]\n    environment: {B: "2"}\n    volumes: [./html:/usr/share/nginx/html]\n',
        },
        ['/p/compose.yaml', '/p/env/prod.yaml'],
      ),
    );
    expect(doc.format).toBe('compose');
    expect(doc.topology.metadata.name).toBe('p');
    expect(doc.topology.spec.nodes['web']).toMatchObject({
      image: 'nginx:2',
      ports: [
        { target: 80, published: 80 },
        { target: 443, published: 443 },
      ],
      environment: { A: '1', B: '2' },
      mounts: [{ type: 'bind', source: './html', target: '/usr/share/nginx/html' }],
    });
  });

  it('locates problems of the merged document in the file that says it', () => {
    const doc = ok(
      load(
        {
          '/p/a.yaml': 'services:\n  web:\n    image: nginx\n',
          '/p/b.yaml': 'services:\n  web:\n    image: Bad:Image\n',
        },
        ['/p/a.yaml', '/p/b.yaml'],
      ),
    );
    const [bad] = doc.locate(validate(doc.topology)).filter((p) => p.code === 'IMAGE_INVALID');
    expect(bad).toMatchObject({ file: 'b.yaml', line: 3 });
  });

  it('names the file of a YAML error, a missing file and an unknown document', () => {
    const files = {
      '/p/a.yaml': 'services: {web: {image: x}}\n',
      '/p/b.yaml': 'services:\n  web: [\n',
      '/p/c.yaml': 'x: 1\n',
    };
    const broken = load(files, ['/p/a.yaml', '/p/b.yaml']);
    expect(!broken.ok && broken.problems[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'b.yaml' });
    const missing = load(files, ['/p/a.yaml', '/p/nope.yaml']);
    expect(!missing.ok && missing.problems[0]?.message).toContain('nope.yaml cannot be read (ENOENT)');
    const unknown = load(files, ['/p/a.yaml', '/p/c.yaml']);
    expect(!unknown.ok && unknown.problems[0]).toMatchObject({ code: 'DOCUMENT_UNKNOWN', file: 'c.yaml' });
  });

  it('understands !reset and !override in a later file', () => {
    const doc = ok(
      load(
        {
          '/p/a.yaml':
            'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    environment: {A: "1", B: "2"}\n    user: www\n',
          '/p/b.yaml':
            'services:\n  web:\n    ports: !override ["8080:80"]\n    environment: !override {C: "3"}\n    user: !reset null\n',
        },
        ['/p/a.yaml', '/p/b.yaml'],
      ),
    );
    const web = doc.topology.spec.nodes['web'];
    expect(web).toMatchObject({ ports: [{ target: 80, published: 8080 }], environment: { C: '3' } });
    expect(web && 'user' in web).toBe(false);
  });

  it('refuses to merge a topology with a Compose file', () => {
    const result = load(
      {
        '/p/a.yaml': 'services: {web: {image: x}}\n',
        '/p/t.yaml':
          'apiVersion: dockwright.dev/v1alpha2\nkind: Topology\nmetadata: {name: t}\nspec: {nodes: {}}\n',
      },
      ['/p/a.yaml', '/p/t.yaml'],
    );
    expect(!result.ok && result.problems[0]?.message).toMatch(
      /Cannot merge Dockwright topologies \(t\.yaml\) with Compose files \(a\.yaml\)/,
    );
  });
});

describe('loadFiles: include', () => {
  const DB =
    'services:\n  db:\n    image: postgres:${PG_TAG:-16}\n    env_file: ./db.env\n    volumes: [./init:/docker-entrypoint-initdb.d, pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n';

  it('adds the included services, volumes and networks, with paths rebased and its own variables', () => {
    const doc = ok(
      load(
        {
          '/p/compose.yaml':
            'include:\n  - path: ./db/compose.yaml\n    env_file: ./db/vars.env\nservices:\n  web:\n    image: nginx\n    depends_on: [db]\n',
          '/p/db/compose.yaml': DB,
          '/p/db/vars.env': 'PG_TAG=15\n',
        },
        ['/p/compose.yaml'],
      ),
    );
    expect(Object.keys(doc.topology.spec.nodes).sort()).toEqual(['db', 'pgdata', 'web']);
    expect(doc.topology.spec.nodes['db']).toMatchObject({
      image: 'postgres:15',
      envFiles: ['./db/db.env'],
      mounts: [
        { type: 'bind', source: './db/init', target: '/docker-entrypoint-initdb.d' },
        { type: 'volume', source: 'pgdata' },
      ],
    });
  });

  it('reads the short form, nests, and lets the including side’s variables win', () => {
    const doc = ok(
      load(
        {
          '/p/compose.yaml': 'include: [stack/compose.yaml]\nservices:\n  web: {image: nginx}\n',
          '/p/stack/compose.yaml':
            'include: [../db/compose.yaml]\nservices:\n  cache: {image: redis, volumes: ["./conf:/conf"]}\n',
          '/p/db/compose.yaml': DB,
          '/p/db/.env': 'PG_TAG=14\n',
        },
        ['/p/compose.yaml'],
        { PG_TAG: '17' },
      ),
    );
    expect(doc.topology.spec.nodes['cache']).toMatchObject({ mounts: [{ source: './stack/conf' }] });
    // db/.env (its project directory's) says 14; the including side's variables win.
    expect(doc.topology.spec.nodes['db']).toMatchObject({ image: 'postgres:17', envFiles: ['./db/db.env'] });
  });

  it('uses project_directory for relative paths, and merges several paths of one entry', () => {
    const doc = ok(
      load(
        {
          '/p/compose.yaml':
            'include:\n  - path: [lib/base.yaml, lib/more.yaml]\n    project_directory: lib/root\nservices: {}\n',
          '/p/lib/base.yaml': 'services:\n  api: {image: api:1, volumes: ["./data:/data"]}\n',
          '/p/lib/more.yaml': 'services:\n  api: {image: api:2}\n',
        },
        ['/p/compose.yaml'],
      ),
    );
    expect(doc.topology.spec.nodes['api']).toMatchObject({
      image: 'api:2',
      mounts: [{ type: 'bind', source: './lib/root/data', target: '/data' }],
    });
  });

  it('reports a cycle with the chain of files', () => {
    const result = load(
      {
        '/p/compose.yaml': 'include: [a.yaml]\nservices: {}\n',
        '/p/a.yaml': 'include: [b.yaml]\nservices: {a: {image: a}}\n',
        '/p/b.yaml': 'include: [a.yaml]\nservices: {b: {image: b}}\n',
      },
      ['/p/compose.yaml'],
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      code: 'COMPOSE_INVALID',
      file: 'b.yaml',
      line: 1,
      message: 'include cycle: a.yaml -> b.yaml -> a.yaml.',
    });
  });

  it('reports a missing included file at its include entry', () => {
    const result = load({ '/p/compose.yaml': 'services: {}\ninclude:\n  - ./missing.yaml\n' }, [
      '/p/compose.yaml',
    ]);
    expect(!result.ok && result.problems[0]).toMatchObject({
      file: 'compose.yaml',
      line: 3,
      message: 'included file missing.yaml cannot be read (ENOENT).',
    });
  });

  it('refuses a resource defined differently by the included and the including file', () => {
    const files = {
      '/p/compose.yaml': 'include: [db.yaml]\nservices:\n  db: {image: mysql}\n',
      '/p/db.yaml': 'services:\n  db: {image: postgres}\n',
    };
    const result = load(files, ['/p/compose.yaml']);
    expect(!result.ok && result.problems[0]).toMatchObject({ file: 'compose.yaml', line: 3 });
    expect(!result.ok && result.problems[0]?.message).toContain(
      'services "db" from the included db.yaml conflicts with "db" defined in compose.yaml',
    );
    // The same definition twice is no conflict.
    expect(
      load({ ...files, '/p/compose.yaml': 'include: [db.yaml]\nservices:\n  db: {image: postgres}\n' }, [
        '/p/compose.yaml',
      ]).ok,
    ).toBe(true);
  });

  it('reports a malformed include entry', () => {
    const result = load({ '/p/compose.yaml': 'include:\n  - {path: 3}\nservices: {}\n' }, [
      '/p/compose.yaml',
    ]);
    expect(!result.ok && result.problems[0]).toMatchObject({ file: 'compose.yaml', line: 2 });
  });
});

describe('loadFiles: several topology files', () => {
  const BASE = `apiVersion: dockwright.dev/v1alpha2
kind: Topology
metadata: {name: shop}
spec:
  nodes:
    db: {kind: service, image: postgres:16, environment: {A: "1"}, ports: [{target: 5432}]}
    api: {kind: service, image: api, command: [serve], dependsOn: [{node: db, condition: started}]}
`;
  const OVERRIDE = `apiVersion: dockwright.dev/v1alpha2
kind: Topology
metadata: {name: shop-dev}
spec:
  nodes:
    db: {kind: service, environment: {B: "2"}, ports: [{target: 5432, published: 5432}]}
    api: {kind: service, command: [serve, --debug], dependsOn: [{node: db, condition: healthy}]}
    tools: {kind: job, image: tools}
`;

  it('merges nodes by id with the same rules', () => {
    const doc = ok(load({ '/p/a.yaml': BASE, '/p/b.yaml': OVERRIDE }, ['/p/a.yaml', '/p/b.yaml']));
    expect(doc.format).toBe('topology');
    expect(doc.topology.metadata.name).toBe('shop-dev');
    expect(doc.topology.spec.nodes).toMatchObject({
      db: {
        image: 'postgres:16',
        environment: { A: '1', B: '2' },
        ports: [{ target: 5432 }, { target: 5432, published: 5432 }],
      },
      api: { command: ['serve', '--debug'], dependsOn: [{ node: 'db', condition: 'healthy' }] },
      tools: { kind: 'job' },
    });
  });

  it('uses one topology file as it is', () => {
    const doc = ok(load({ '/p/a.yaml': BASE }, ['/p/a.yaml']));
    expect(Object.keys(doc.topology.spec.nodes)).toEqual(['db', 'api']);
  });
});
