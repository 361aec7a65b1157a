import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { captureIo } from '../testing/capture-io';
import { testProjectName } from '../testing/docker-project';
import { diffProjections, projectInspect, type Projection } from '../testing/inspect-projection';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from '../testing/test-images';

/*
 * Run fidelity, proved side by side: each compose file of electron/testing/parity/ is run by
 * docker-compose 1.29 and by Dockwright under two project names, and every container's normalized
 * `docker inspect` (see testing/inspect-projection.ts for what is normalized and why) must be the
 * same, as must the content of its secrets and configs as seen inside. A difference fails with its
 * field path.
 */

const PARITY = path.resolve(import.meta.dirname, '..', 'testing', 'parity');
const DOCKER_COMPOSE = process.env['DOCKER_COMPOSE'] ?? 'docker-compose';
const ENV = { ...process.env, IMAGE: BUSYBOX_IMAGE, HTTP_IMAGE };
const never = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

const work = mkdtempSync(path.join(tmpdir(), 'dw-parity-'));
const teardown: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of teardown.reverse()) await step();
  rmSync(work, { recursive: true, force: true });
});

function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** A project folder: the compose file and everything it names beside it. */
function projectDir(file: string): string {
  const dir = mkdtempSync(path.join(work, `${path.basename(file, '.yaml')}-`));
  copyFileSync(path.join(PARITY, file), path.join(dir, file));
  copyFileSync(path.join(PARITY, 'app.env'), path.join(dir, 'app.env'));
  for (const folder of ['conf', 'shared', 'logs', 'secrets']) mkdirSync(path.join(dir, folder));
  writeFileSync(path.join(dir, 'conf', 'settings.ini'), 'mode=parity\n');
  writeFileSync(path.join(dir, 'secrets', 'db-password.txt'), 'correct horse battery staple\n');
  writeFileSync(path.join(dir, 'secrets', 'api.key'), 'key-0123456789\n');
  writeFileSync(path.join(dir, 'app.conf'), 'listen = 8080\n');
  return dir;
}

/** A start failure both tools meet where the engine may not grant every capability (this sandbox). */
const CANNOT_START_PRIVILEGED = /unable to apply caps: operation not permitted/;

function composeUp(dir: string, file: string, project: string): () => void {
  const result = spawnSync(DOCKER_COMPOSE, ['-p', project, '-f', file, 'up', '-d'], {
    cwd: dir,
    env: ENV,
    encoding: 'utf8',
  });
  const down = () => {
    spawnSync(DOCKER_COMPOSE, ['-p', project, '-f', file, 'down', '-v', '-t', '1'], { cwd: dir, env: ENV });
  };
  teardown.push(down);
  if (result.status !== 0 && !CANNOT_START_PRIVILEGED.test(result.stderr))
    throw new Error(`docker-compose up failed:\n${result.stderr}`);
  return down;
}

async function dockwrightUp(dir: string, file: string, project: string): Promise<() => Promise<void>> {
  const dataDir = path.join(dir, '.dockwright');
  const io = captureIo(ENV, dir);
  const down = async () => {
    await runCli(['down', '-p', project, '--volumes', '--data-dir', dataDir], captureIo(ENV, dir).io, never);
  };
  teardown.push(down);
  const code = await runCli(
    ['up', file, '-p', project, '--allow-dangerous', '--data-dir', dataDir],
    io.io,
    never,
  );
  if (code !== 0 && !CANNOT_START_PRIVILEGED.test(io.stdout()))
    throw new Error(`dockwright up exited ${code}:\n${io.stdout()}\n${io.stderr()}`);
  return down;
}

/** The project's containers by service, as docker inspect sees them, projected. */
function containers(project: string, projectLabel: string, serviceLabel: string, hostnames: Set<string>) {
  const ids = docker('ps', '-aq', '--filter', `label=${projectLabel}=${project}`).split('\n').filter(Boolean);
  const inspected =
    ids.length === 0
      ? []
      : (JSON.parse(docker('inspect', ...ids)) as Array<
          Parameters<typeof projectInspect>[0] & { Config: { Labels: Record<string, string> } }
        >);
  const serviceOfId = new Map(inspected.map((info) => [info.Id, info.Config.Labels[serviceLabel] ?? '?']));
  const byService = new Map<string, { id: string; projection: Projection }>();
  for (const info of inspected) {
    const service = info.Config.Labels[serviceLabel] ?? '?';
    byService.set(service, {
      id: info.Id,
      projection: projectInspect(info, { project, serviceOfId, hostnameSet: hostnames.has(service) }),
    });
  }
  return byService;
}

/** The secrets and configs a service is given, read inside its container. */
function grantedFiles(
  doc: { services: Record<string, { secrets?: unknown[]; configs?: unknown[] }> },
  service: string,
): string[] {
  const paths: string[] = [];
  const node = doc.services[service];
  for (const [family, base] of [
    ['secrets', '/run/secrets/'],
    ['configs', '/'],
  ] as const) {
    for (const grant of node?.[family] ?? []) {
      const { source, target } =
        typeof grant === 'string'
          ? { source: grant, target: undefined }
          : (grant as { source: string; target?: string });
      const name = target ?? source;
      paths.push(name.startsWith('/') ? name : `${base}${name}`);
    }
  }
  return paths;
}

function readInside(id: string, file: string): string {
  return docker('exec', id, 'sh', '-c', `stat -c '%a %u:%g' ${file} && cat ${file}`);
}

/** What one tool made of the file: each service's projection and granted files' contents. */
function snapshot(
  project: string,
  projectLabel: string,
  serviceLabel: string,
  doc: Parameters<typeof grantedFiles>[0],
  hostnames: Set<string>,
): Map<string, { projection: Projection; files: Record<string, string> }> {
  const out = new Map<string, { projection: Projection; files: Record<string, string> }>();
  for (const [service, found] of containers(project, projectLabel, serviceLabel, hostnames)) {
    const running = docker('inspect', '-f', '{{.State.Running}}', found.id) === 'true';
    const files = running
      ? Object.fromEntries(
          grantedFiles(doc, service).map((granted) => [granted, readInside(found.id, granted)]),
        )
      : {};
    out.set(service, { projection: found.projection, files });
  }
  return out;
}

describe.each(['process.yaml', 'limits.yaml', 'files.yaml', 'privileged.yaml'])(
  'parity with docker-compose 1.29: %s',
  (file) => {
    it('makes the same containers as docker-compose', { timeout: 180_000 }, async () => {
      const dir = projectDir(file);
      const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as {
        services: Record<string, { hostname?: string; secrets?: unknown[]; configs?: unknown[] }>;
      };
      const hostnames = new Set(
        Object.entries(doc.services)
          .filter(([, s]) => s.hostname)
          .map(([name]) => name),
      );
      // One after the other: both use the same fixed subnets, host paths and published ports.
      const composeProject = testProjectName('dwpar-c');
      const composeDown = composeUp(dir, file, composeProject);
      const peer = snapshot(
        composeProject,
        'com.docker.compose.project',
        'com.docker.compose.service',
        doc,
        hostnames,
      );
      composeDown();
      const dockwrightProject = testProjectName('dwpar-d');
      const dockwrightDown = await dockwrightUp(dir, file, dockwrightProject);
      const ours = snapshot(dockwrightProject, 'dockwright.project', 'dockwright.node', doc, hostnames);
      await dockwrightDown();

      expect([...ours.keys()].sort()).toEqual([...peer.keys()].sort());
      expect(peer.size).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const [service, theirs] of peer) {
        const mine = ours.get(service)!;
        differences.push(
          ...diffProjections(theirs.projection, mine.projection).map((d) => `${service}.${d}`),
        );
        differences.push(...diffProjections(theirs.files, mine.files).map((d) => `${service}.files.${d}`));
      }
      expect(differences).toEqual([]);
    });
  },
);
