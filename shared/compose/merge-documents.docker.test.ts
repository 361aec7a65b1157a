import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalConfig } from '../testing/compose-config';
import { exportCompose } from './export';
import type { FileHost } from './file-host';
import { loadFiles } from './load-files';

// docker-compose 1.29 is the peer: `-f a -f b -f c` must mean to it what Dockwright's merge means.
const DOCKER_COMPOSE = process.env['DOCKER_COMPOSE'] ?? 'docker-compose';
const work = mkdtempSync(path.join(tmpdir(), 'dockwright-merge-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const host: FileHost = {
  read: (file) => {
    try {
      return statSync(file).isFile()
        ? { ok: true, text: readFileSync(file, 'utf8') }
        : { ok: false, reason: 'not a file' };
    } catch (error) {
      return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
  },
  resolve: (dir, relative) => path.resolve(dir, relative),
  dirname: (file) => path.dirname(file),
  relative: (from, to) => path.relative(from, to),
  isAbsolute: (file) => path.isAbsolute(file),
};

function dockerCompose(dir: string, args: string[]): unknown {
  const result = spawnSync(DOCKER_COMPOSE, args, {
    cwd: dir,
    env: { ...process.env, TAG: '1.28' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`docker-compose ${args.join(' ')} failed:\n${result.stderr}`);
  return parseYaml(result.stdout);
}

const BASE = `services:
  web:
    image: nginx:1.27
    command: [nginx, -g, daemon off;]
    ports: ["8080:80"]
    expose: ["9000"]
    environment:
      MODE: base
      KEEP: "yes"
    labels: [tier=front]
    volumes:
      - ./html:/usr/share/nginx/html:ro
      - nginx-cache:/var/cache/nginx
    depends_on:
      db:
        condition: service_healthy
    networks: [front]
    dns: [8.8.8.8]
    secrets: [token]
  db:
    image: postgres:16
    healthcheck:
      test: [CMD, pg_isready]
      interval: 5s
      retries: 3
    networks: [back]
    volumes: [pgdata:/var/lib/postgresql/data]
volumes:
  pgdata: {}
  nginx-cache: {}
networks:
  front: {}
  back: {}
secrets:
  token:
    file: ./token.txt
`;

const OVERRIDE = `services:
  web:
    command: [nginx-debug, -g, daemon off;]
    ports: ["8443:443", "8080:80"]
    expose: ["9000", "9001"]
    environment: [MODE=override, DEBUG=1]
    labels: {owner: team}
    volumes:
      - ./html-dev:/usr/share/nginx/html
    depends_on: [cache]
    networks:
      back:
        aliases: [web-internal]
  db:
    healthcheck:
      test: [CMD-SHELL, pg_isready -U postgres]
    environment:
      POSTGRES_PASSWORD: dev
  cache:
    image: redis:7
    networks: [back]
`;

// In a folder of its own: its relative paths are still relative to the first file's folder.
const PRODUCTION = `services:
  web:
    image: "nginx:\${TAG:-1.27}"
    entrypoint: [/docker-entrypoint.sh]
    volumes:
      - ./logs:/var/log/nginx
    dns: [1.1.1.1]
    restart: always
  db:
    restart: unless-stopped
    labels:
      backup: nightly
`;

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** Dockwright's merge, exported, as docker-compose reads it. */
function throughDockwright(dir: string, files: string[]): unknown {
  const doc = loadFiles(
    files.map((f) => path.join(dir, f)),
    { host, env: { TAG: '1.28' } },
  );
  if (!doc.ok) throw new Error(doc.problems.map((p) => `${p.file ?? ''}: ${p.message}`).join('\n'));
  writeFileSync(
    path.join(dir, 'exported.yaml'),
    exportCompose(doc.topology, { projectName: false, includeSecrets: true }).yaml,
  );
  return dockerCompose(dir, ['-f', 'exported.yaml', 'config']);
}

describe('several files merged as docker-compose merges them', () => {
  const dir = project('shop', {
    'compose.yaml': BASE,
    'compose.override.yaml': OVERRIDE,
    'env/production.yaml': PRODUCTION,
    'token.txt': 'x',
  });

  it('two files: -f compose.yaml -f compose.override.yaml', { timeout: 60_000 }, () => {
    const files = ['compose.yaml', 'compose.override.yaml'];
    const theirs = canonicalConfig(dockerCompose(dir, [...files.flatMap((f) => ['-f', f]), 'config']));
    expect(theirs).toMatchObject({
      services: {
        web: {
          command: ['nginx-debug', '-g', 'daemon off;'],
          environment: { MODE: 'override', KEEP: 'yes' },
        },
        db: { healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '5s' } },
      },
    });
    expect(canonicalConfig(throughDockwright(dir, files))).toEqual(theirs);
  });

  it('three files, the last one in another folder', { timeout: 60_000 }, () => {
    const files = ['compose.yaml', 'compose.override.yaml', 'env/production.yaml'];
    const theirs = canonicalConfig(dockerCompose(dir, [...files.flatMap((f) => ['-f', f]), 'config']));
    expect(theirs).toMatchObject({ services: { web: { image: 'nginx:1.28', restart: 'always' } } });
    expect(canonicalConfig(throughDockwright(dir, files))).toEqual(theirs);
  });
});
