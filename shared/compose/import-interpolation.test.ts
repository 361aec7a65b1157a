import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../topology/document';
import { importCompose } from './import';

const COMPOSE = `
services:
  db:
    image: postgres:\${PG_VERSION:-16}
    command: ["postgres", "-c", "password=\${DB_PASSWORD}"]
    environment:
      POSTGRES_PASSWORD: \${DB_PASSWORD}
      POSTGRES_USER: \${DB_USER:-app}
      HASH: "$$2y$$10$$abc"
      SHELL_VAR: $$HOME
      PLAIN: $DB_USER
  api:
    build:
      context: .
      args:
        NPM_TOKEN: \${NPM_TOKEN}
    environment:
      - DATABASE_URL=postgres://app:\${DB_PASSWORD}@db/app
      - \${KEY_NAME}=x
secrets:
  token:
    environment: API_TOKEN
configs:
  app:
    content: "password=\${DB_PASSWORD}"
`;

const env = {
  DB_PASSWORD: 'canary-7f3a9c',
  DB_USER: 'root',
  NPM_TOKEN: 'npm-canary',
  PG_VERSION: '15',
  KEY_NAME: 'NAMED',
};

describe('Compose import keeps ${VAR} where secrets go', () => {
  it('in environment values, build args and config content; interpolates other fields as before', () => {
    const result = importCompose(COMPOSE, { env });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { db, api } = result.topology.spec.nodes;
    expect(db).toMatchObject({
      image: 'postgres:15',
      environment: {
        POSTGRES_PASSWORD: '${DB_PASSWORD}',
        POSTGRES_USER: '${DB_USER:-app}',
        HASH: '$2y$10$abc',
        SHELL_VAR: '$HOME',
        PLAIN: '${DB_USER}',
      },
    });
    expect(api).toMatchObject({
      build: { args: { NPM_TOKEN: '${NPM_TOKEN}' } },
      environment: { DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db/app', NAMED: 'x' },
    });
    expect(result.topology.spec.configs?.app?.content).toBe('password=${DB_PASSWORD}');
    expect(result.topology.spec.secrets?.token?.environment).toBe('API_TOKEN');
    // The command is interpolated (and said to be): the only place the canary is written.
    const saved = serializeTopology(result.topology);
    expect(saved.match(/canary-7f3a9c/g)).toHaveLength(1);
    expect(saved).not.toContain('npm-canary');
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        code: 'COMPOSE_SECRET_INTERPOLATED',
        severity: 'warning',
        path: ['services', 'db', 'command', 2],
      }),
    );
    // Nothing is unset at import any more: the run resolves environment values.
    expect(result.problems.filter((p) => p.code === 'COMPOSE_VARIABLE_UNSET')).toEqual([]);
  });

  it('refuses a reference that is never closed in an environment value', () => {
    const result = importCompose('services:\n  a:\n    image: x\n    environment:\n      A: "${OPEN"\n');
    const problems = result.ok ? result.problems : result.problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'COMPOSE_INVALID' }));
  });
});
