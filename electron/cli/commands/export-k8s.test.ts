import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { CliExit, type CliIo } from '../io';
import { registerTopologyCommands } from './topology';

const dir = mkdtempSync(path.join(tmpdir(), 'dockwright-k8s-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTty: false,
    cwd: dir,
    env: {},
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

writeFileSync(
  path.join(dir, 'shop.yaml'),
  `apiVersion: dockwright.dev/v1alpha2
kind: Topology
metadata: { name: shop }
spec:
  nodes:
    db:
      kind: service
      image: postgres:16
      healthcheck: { test: [CMD, pg_isready], interval: 5s }
      mounts: [{ type: volume, source: data, target: /var/lib/postgresql/data }]
    data: { kind: volume }
    migrate:
      kind: job
      image: shop/migrate
      retry: { maxAttempts: 3 }
      dependsOn: [{ node: db, condition: healthy }]
    api:
      kind: service
      image: shop/api
      ports: [{ target: 8080, published: 8080 }]
      dependsOn: [{ node: migrate, condition: completed }]
`,
);

const kinds = (yaml: string) =>
  parseAllDocuments(yaml).map((d) => {
    const object = d.toJS() as { kind: string; metadata: { name: string; namespace: string } };
    return `${object.kind}/${object.metadata.name}`;
  });

describe('dockwright export --format k8s', () => {
  it('prints the objects as a multi-document stream, and the fidelity report on stderr', async () => {
    const result = await run(['export', 'shop.yaml', '--format', 'k8s']);
    expect(result.code).toBe(0);
    expect(kinds(result.stdout)).toEqual([
      'ServiceAccount/shop-wait',
      'Role/shop-wait',
      'RoleBinding/shop-wait',
      'PersistentVolumeClaim/data',
      'NetworkPolicy/api-published',
      'NetworkPolicy/default',
      'Service/api',
      'Service/db',
      'StatefulSet/db',
      'Deployment/api',
      'Job/migrate',
    ]);
    expect(result.stderr).toContain('note: warning PUBLISHED_PORT');
    expect(result.stderr).toContain('  run: kubectl port-forward service/api 8080:8080');
  });

  it('writes one file with -o FILE, in the namespace asked for, with the wait image asked for', async () => {
    const result = await run([
      'export',
      'shop.yaml',
      '--format',
      'k8s',
      '-o',
      'shop.k8s.yaml',
      '--namespace',
      'shop',
      '--wait-image',
      'example/kubectl:1.31',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('wrote shop.k8s.yaml (11 objects)');
    const text = readFileSync(path.join(dir, 'shop.k8s.yaml'), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      expect((doc.toJS() as { metadata: { namespace: string } }).metadata.namespace).toBe('shop');
    }
    expect(text).toContain('image: example/kubectl:1.31');
  });

  it('writes one file per object with -o FOLDER/', async () => {
    const result = await run(['export', 'shop.yaml', '--format', 'k8s', '-o', 'manifests/']);
    expect(result.code).toBe(0);
    const files = readdirSync(path.join(dir, 'manifests')).sort();
    expect(files).toHaveLength(11);
    expect(files[0]).toBe('01-serviceaccount-shop-wait.yaml');
    expect(files).toContain('11-job-migrate.yaml');
    expect(kinds(readFileSync(path.join(dir, 'manifests', '09-statefulset-db.yaml'), 'utf8'))).toEqual([
      'StatefulSet/db',
    ]);
    // An existing folder without the slash is a folder too.
    expect((await run(['export', 'shop.yaml', '--format', 'k8s', '-o', 'manifests'])).code).toBe(0);
    expect(existsSync(path.join(dir, 'manifests.tmp'))).toBe(false);
  });
});
