import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { CliExit, type CliIo } from '../io';
import { registerTopologyCommands } from './topology';

const dir = mkdtempSync(path.join(tmpdir(), 'dockwright-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Drives the commands through a real commander program with captured output, as runCli does. */
async function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTty: false,
    cwd: dir,
    env,
  };
  const output = { writeOut: (t: string) => io.stdout(t), writeErr: (t: string) => io.stderr(t) };
  const program = new Command('dockwright').exitOverride().configureOutput(output);
  registerTopologyCommands(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput(output);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CliExit) return { code: error.code, stdout, stderr: stderr + error.message };
    if (error instanceof CommanderError) return { code: 2, stdout, stderr };
    throw error;
  }
}

const TOPOLOGY = `apiVersion: dockwright.dev/v1alpha2
kind: Topology
metadata: { name: shop }
spec:
  nodes:
    db:
      kind: service
      image: postgres:16
      healthcheck: { test: [CMD, pg_isready], interval: 5s }
    migrate:
      kind: job
      image: shop/migrate
      dependsOn: [{ node: db, condition: healthy }]
      retry: { maxAttempts: 3 }
    api:
      kind: service
      image: shop/api
      privileged: true
      ports: [{ target: 80, published: 8080 }]
      dependsOn: [{ node: migrate, condition: completed }]
`;

const BROKEN = TOPOLOGY.replace('image: shop/api', 'image: Shop/API').replace(
  'node: migrate, condition: completed',
  'node: ghost, condition: started',
);

describe('dockwright validate', () => {
  it('exits 0 with warnings only, and prints them with their line', async () => {
    const result = await run(['validate', file('ok.yaml', TOPOLOGY)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok.yaml:18:7: warning SECURITY_PRIVILEGED');
    expect(result.stdout).toContain('0 errors, 1 warning');
  });

  it('exits 1 on errors, with machine-readable JSON', async () => {
    const result = await run(['validate', file('broken.yaml', BROKEN), '--json']);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout) as {
      ok: boolean;
      problems: { code: string; severity: string; line?: number; path: string; nodeId?: string }[];
      summary: { errors: number };
    };
    expect(out.ok).toBe(false);
    expect(out.summary.errors).toBe(2);
    expect(out.problems.slice(0, 2)).toEqual([
      expect.objectContaining({
        code: 'IMAGE_INVALID',
        severity: 'error',
        nodeId: 'api',
        path: 'spec.nodes.api.image',
        line: 17,
      }),
      expect.objectContaining({ code: 'DEPENDENCY_MISSING', severity: 'error', nodeId: 'api', line: 20 }),
    ]);
  });

  it('exits 2 when the file is missing, binary or not a document', async () => {
    expect((await run(['validate', 'nope.yaml'])).code).toBe(2);
    expect((await run(['validate', file('bin.yaml', 'a: \u0000\u0001')])).code).toBe(2);
    const unknown = await run(['validate', file('notes.yaml', 'hello: world\n')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('DOCUMENT_UNKNOWN');
  });

  it('exits 1 for a YAML syntax error, which it locates', async () => {
    const result = await run(['validate', file('syntax.yaml', 'services:\n  a: [1,\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/syntax\.yaml:\d+:\d+: error YAML_SYNTAX/);
  });

  it('refuses a newer apiVersion with exit 2', async () => {
    const result = await run(['validate', file('new.yaml', TOPOLOGY.replace('v1alpha2', 'v2'))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('newer Dockwright');
  });

  it('is a usage error without a file', async () => {
    expect((await run(['validate'])).code).toBe(2);
  });

  it('validates compose files, reading .env and letting the shell environment win', async () => {
    writeFileSync(path.join(dir, '.env'), 'TAG=1.0\nOTHER=from-file\n');
    const compose = file(
      'compose.yaml',
      'services:\n  web:\n    image: "nginx:${TAG}"\n    environment: [OTHER=$OTHER]\n',
    );
    const fromFile = await run(['import', compose]);
    // Environment values keep their reference (the run resolves it, with this .env for `up`).
    expect(parseYaml(fromFile.stdout)).toMatchObject({
      spec: { nodes: { web: { image: 'nginx:1.0', environment: { OTHER: '${OTHER}' } } } },
    });
    const fromShell = await run(['import', compose], { TAG: '2.0' });
    expect(parseYaml(fromShell.stdout)).toMatchObject({ spec: { nodes: { web: { image: 'nginx:2.0' } } } });
    expect((await run(['validate', compose])).stdout).toContain('compose file, 0 errors, 0 warnings');
    rmSync(path.join(dir, '.env'));
  });
});

describe('dockwright plan', () => {
  it('prints waves and the teardown', async () => {
    const result = await run(['plan', 'ok.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Start shop in 3 waves:');
    expect(result.stdout).toContain('wave 2: run migrate (job) [after db healthy]');
    expect(result.stdout).toContain('wave 3: start api [after migrate completed]');
    expect(result.stdout).toMatch(/Tear down in 3 waves:\n {2}wave 1: remove api/);
  });

  it('prints JSON', async () => {
    const result = await run(['plan', 'ok.yaml', '--json']);
    const out = JSON.parse(result.stdout) as {
      waves: { steps: { nodeId: string }[] }[];
      teardown: unknown[];
    };
    expect(out.waves.map((w) => w.steps.map((s) => s.nodeId))).toEqual([['db'], ['migrate'], ['api']]);
    expect(out.teardown).toHaveLength(3);
  });

  it('refuses a topology with errors (exit 1)', async () => {
    const cyclic = TOPOLOGY.replace(
      'image: postgres:16',
      'image: postgres:16\n      dependsOn: [{ node: api, condition: started }]',
    );
    const result = await run(['plan', file('cyclic.yaml', cyclic)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DEPENDENCY_CYCLE');
  });
});

describe('dockwright import and export', () => {
  const COMPOSE =
    'services:\n  db:\n    image: postgres\n    healthcheck: {test: [CMD, pg_isready]}\n  migrate:\n    image: m\n    restart: "no"\n    depends_on: {db: {condition: service_healthy}}\n  api:\n    image: a\n    logging: {driver: syslog}\n    mac_address: 02:42:ac:11:00:02\n    depends_on: {migrate: {condition: service_completed_successfully}}\n';

  it('imports to a file, warning about what it cannot carry over', async () => {
    const result = await run(['import', file('docker-compose.yml', COMPOSE), '-o', 'imported.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning COMPOSE_UNSUPPORTED');
    expect(result.stderr).toContain('mac_address');
    const topology = parseYaml(readFileSync(path.join(dir, 'imported.yaml'), 'utf8')) as {
      spec: { nodes: Record<string, { kind: string }> };
    };
    expect(topology.spec.nodes['migrate']?.kind).toBe('job');
  });

  it('exports the imported topology back to compose with a fidelity note', async () => {
    const result = await run(['export', 'ok.yaml', '--format', 'compose']);
    expect(result.code).toBe(0);
    expect(parseYaml(result.stdout)).toMatchObject({
      name: 'shop',
      services: { migrate: { restart: 'no', 'x-dockwright': { kind: 'job', retry: { maxAttempts: 3 } } } },
    });
    expect(result.stderr).toContain('note: Compose cannot retry "migrate"');
  });

  it('writes to -o and can omit the project name', async () => {
    const result = await run(['export', 'imported.yaml', '-o', 'out.yaml', '--no-project-name']);
    expect(result.code).toBe(0);
    const out = parseYaml(readFileSync(path.join(dir, 'out.yaml'), 'utf8')) as Record<string, unknown>;
    expect(out['name']).toBeUndefined();
    expect(out).toMatchObject({
      services: { api: { depends_on: { migrate: { condition: 'service_completed_successfully' } } } },
    });
  });

  it('leaves secrets out of what it writes unless --include-secrets', async () => {
    writeFileSync(path.join(dir, '.env'), 'DB_PASSWORD=canary-7f3a9c\n');
    const imported = await run([
      'import',
      file(
        'secret-compose.yaml',
        'services:\n  db:\n    image: postgres\n    environment:\n      - POSTGRES_PASSWORD=${DB_PASSWORD}\n',
      ),
    ]);
    rmSync(path.join(dir, '.env'));
    expect(imported.stdout).not.toContain('canary-7f3a9c');
    expect(imported.stdout).toContain('POSTGRES_PASSWORD: ${DB_PASSWORD}');
    const written = file(
      'secret.yaml',
      TOPOLOGY.replace(
        'image: postgres:16',
        'image: postgres:16\n      environment: { POSTGRES_PASSWORD: canary-7f3a9c }',
      ),
    );
    const safe = await run(['export', written]);
    expect(safe.code).toBe(0);
    expect(safe.stdout).not.toContain('canary-7f3a9c');
    expect(safe.stdout).toContain('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}');
    expect(safe.stderr).toContain('POSTGRES_PASSWORD looks secret');
    const full = await run(['export', written, '--include-secrets']);
    expect(full.stdout).toContain('POSTGRES_PASSWORD: canary-7f3a9c');
  });

  it('rejects an unknown format and a topology with errors', async () => {
    expect((await run(['export', 'ok.yaml', '--format', 'helm'])).code).toBe(2);
    expect((await run(['export', 'broken.yaml'])).code).toBe(1);
  });

  it('import refuses a compose file it cannot read', async () => {
    const levels = 'abcdefghi'.split('');
    const anchors = levels.map(
      (name, i) =>
        `${name}: &${name} [${Array(9)
          .fill(i === 0 ? 'x' : `*${levels[i - 1] ?? ''}`)
          .join(',')}]`,
    );
    const bomb = `${anchors.join('\n')}\nservices: {a: {image: x, command: *i}}\n`;
    const result = await run(['import', file('bomb.yaml', bomb)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('YAML_ALIAS_LIMIT');
  });
});
