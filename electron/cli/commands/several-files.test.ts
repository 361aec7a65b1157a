import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../testing/capture-io';
import { runCli } from '../program';

const root = mkdtempSync(path.join(tmpdir(), 'dockwright-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

/** A fresh folder with these files (paths may have folders). */
function project(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function run(cwd: string, args: string[]) {
  const { io, stdout, stderr } = captureIo({}, cwd);
  const code = await runCli(args, io, neverStops);
  return { code, stdout: stdout(), stderr: stderr() };
}

const BASE =
  'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    environment: [MODE=base]\n';
const OVERRIDE =
  'services:\n  web:\n    ports: ["8443:443"]\n    environment: {MODE: override, DEBUG: "1"}\n  cache:\n    image: redis:7\n';

describe('several files: -f', () => {
  const dir = project('f', {
    'compose.yaml': BASE,
    'compose.override.yaml': OVERRIDE,
    'prod.yaml': 'services:\n  web:\n    image: nginx:1.28\n',
  });

  it('validate merges every -f file and names them all', async () => {
    const result = await run(dir, ['validate', '-f', 'compose.yaml', '-f', 'prod.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('compose.yaml + prod.yaml: compose file, 0 errors, 0 warnings\n');
  });

  it('export writes the merged document; the positional FILE is the first file', async () => {
    const result = await run(dir, [
      'export',
      'compose.yaml',
      '-f',
      'compose.override.yaml',
      '-f',
      'prod.yaml',
    ]);
    expect(result.code).toBe(0);
    const out = parseYaml(result.stdout) as { services: Record<string, Record<string, unknown>> };
    expect(Object.keys(out.services).sort()).toEqual(['cache', 'web']);
    expect(out.services['web']).toMatchObject({
      image: 'nginx:1.28',
      environment: { MODE: 'override', DEBUG: '1' },
      ports: ['8080:80', '8443:443'],
    });
  });

  it('plan takes -f too', async () => {
    const result = await run(dir, ['plan', '-f', 'compose.yaml', '-f', 'compose.override.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wave 1: start (cache; start web|web; start cache)/);
  });

  it('import merges -f files into one topology, and refuses a topology', async () => {
    const result = await run(dir, ['import', '-f', 'compose.yaml', '-f', 'compose.override.yaml']);
    expect(result.code).toBe(0);
    const topology = parseYaml(result.stdout) as { spec: { nodes: Record<string, unknown> } };
    expect(topology.spec.nodes['web']).toMatchObject({ environment: { MODE: 'override', DEBUG: '1' } });
    expect(Object.keys(topology.spec.nodes).sort()).toEqual(['cache', 'web']);
    writeFileSync(path.join(dir, 'topology.yaml'), result.stdout);
    const again = await run(dir, ['import', 'topology.yaml']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('topology.yaml is a Dockwright topology already');
  });

  it('locates a problem in the file that causes it', async () => {
    const bad = project('bad', { 'a.yaml': BASE, 'b.yaml': 'services:\n  web:\n    image: Nginx:Latest\n' });
    const result = await run(bad, ['validate', '-f', 'a.yaml', '-f', 'b.yaml', '--json']);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      file: string;
      problems: { code: string; file?: string; line?: number }[];
    };
    expect(out.file).toBe('a.yaml + b.yaml');
    expect(out.problems[0]).toMatchObject({ code: 'IMAGE_INVALID', file: 'b.yaml', line: 3 });
  });

  it('exits 2 when one of the files is missing, naming it', async () => {
    const result = await run(dir, ['validate', '-f', 'compose.yaml', '-f', 'nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read nope.yaml: ENOENT');
  });
});

describe('several files: the override file, as Compose picks it', () => {
  const dir = project('o', { 'compose.yaml': BASE, 'compose.override.yaml': OVERRIDE, 'sub/readme.txt': '' });

  it('without FILE, takes compose.yaml and compose.override.yaml of this folder', async () => {
    const result = await run(dir, ['validate']);
    expect(result.stdout).toBe('compose.yaml + compose.override.yaml: compose file, 0 errors, 0 warnings\n');
  });

  it('with FILE "." or a folder, the same', async () => {
    expect((await run(dir, ['validate', '.'])).stdout).toContain('compose.yaml + compose.override.yaml:');
    expect((await run(root, ['validate', 'o'])).stdout).toContain(
      `${path.join('o', 'compose.yaml')} + ${path.join('o', 'compose.override.yaml')}:`,
    );
  });

  it('without FILE, looks in the parent folders', async () => {
    expect((await run(path.join(dir, 'sub'), ['validate'])).stdout).toContain(
      `${path.join('..', 'compose.yaml')} + ${path.join('..', 'compose.override.yaml')}:`,
    );
  });

  it('a FILE alone, like -f FILE, gets no override', async () => {
    expect((await run(dir, ['validate', 'compose.yaml'])).stdout).toBe(
      'compose.yaml: compose file, 0 errors, 0 warnings\n',
    );
    expect((await run(dir, ['validate', '-f', 'compose.yaml'])).stdout).toMatch(/^compose\.yaml: /);
  });

  it('picks docker-compose.yml and docker-compose.override.yml too', async () => {
    const legacy = project('legacy', { 'docker-compose.yml': BASE, 'docker-compose.override.yml': OVERRIDE });
    expect((await run(legacy, ['validate'])).stdout).toContain(
      'docker-compose.yml + docker-compose.override.yml:',
    );
  });

  it('is a usage error when there is no compose file to find', async () => {
    const empty = project('empty', { 'notes.txt': '' });
    const result = await run(empty, ['validate', empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'no compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml in',
    );
  });
});

describe('several files: include', () => {
  it('validates and exports a file with include, and reports a cycle with exit 1', async () => {
    const dir = project('inc', {
      'compose.yaml':
        'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n',
      'loop.yaml': 'include: [loop.yaml]\nservices: {}\n',
    });
    expect((await run(dir, ['validate'])).stdout).toBe('compose.yaml: compose file, 0 errors, 0 warnings\n');
    const exported = parseYaml((await run(dir, ['export'])).stdout) as { services: Record<string, unknown> };
    expect(Object.keys(exported.services).sort()).toEqual(['db', 'web']);
    const loop = await run(dir, ['validate', 'loop.yaml']);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toContain(
      'loop.yaml:1:11: error COMPOSE_INVALID: include cycle: loop.yaml -> loop.yaml.',
    );
  });
});
