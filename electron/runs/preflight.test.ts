import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTopology } from '../../shared/testing/topologies';
import { createBindSources, preflight } from './preflight';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'app.env'), 'A=1\n');
mkdirSync(path.join(dir, 'context'));

describe('preflight: what the topology names on this machine', () => {
  const topology = makeTopology(
    {
      app: {
        kind: 'service',
        image: 'x',
        envFiles: ['app.env', 'missing.env'],
        build: { context: './nowhere' },
        mounts: [
          { type: 'bind', source: './data', target: '/data' },
          { type: 'bind', source: './strict', target: '/strict', createHostPath: false },
        ],
        secrets: [{ source: 'key' }, { source: 'token' }],
      },
    },
    { spec: { secrets: { key: { file: 'key.pem' }, token: { environment: 'TOKEN' } } } },
  );

  it('names every missing file, and plans to create a bind source folder with a warning', () => {
    const result = preflight(topology, dir, {});
    expect(result.problems.map((p) => [p.code, p.severity, p.path.join('.')])).toEqual([
      ['PATH_MISSING', 'error', 'spec.nodes.app.envFiles.1'],
      ['PATH_MISSING', 'error', 'spec.nodes.app.build.context'],
      ['BIND_SOURCE_CREATED', 'warning', 'spec.nodes.app.mounts.0.source'],
      ['PATH_MISSING', 'error', 'spec.nodes.app.mounts.1.source'],
      ['PATH_MISSING', 'error', 'spec.secrets.key.file'],
      ['PATH_MISSING', 'error', 'spec.secrets.token.environment'],
    ]);
    expect(result.problems[0]?.message).toBe(
      `"app": env file missing.env does not exist (${path.join(dir, 'missing.env')}).`,
    );
    expect(result.create).toEqual([{ nodeId: 'app', path: path.join(dir, 'data') }]);
    createBindSources(result.create);
    expect(existsSync(path.join(dir, 'data'))).toBe(true);
  });

  it('on a remote engine, checks and creates no bind source here, and says they are on the engine’s host', () => {
    const result = preflight(topology, dir, {}, { remoteEngine: 'tcp://10.1.2.3:2376' });
    expect(
      result.problems
        .filter((p) => p.path[3] === 'mounts')
        .map((p) => [p.code, p.severity, p.path.join('.')]),
    ).toEqual([
      ['BIND_SOURCE_REMOTE', 'warning', 'spec.nodes.app.mounts.0.source'],
      ['BIND_SOURCE_REMOTE', 'warning', 'spec.nodes.app.mounts.1.source'],
    ]);
    expect(result.problems.find((p) => p.code === 'BIND_SOURCE_REMOTE')?.message).toBe(
      `"app": bind source ${path.join(dir, 'data')} is a path on the engine's host (tcp://10.1.2.3:2376): it is not checked or created from here, and the engine refuses the container if it is missing there.`,
    );
    expect(result.create).toEqual([]);
  });

  it('says a relative path needs the topology saved when there is no folder', () => {
    const result = preflight(topology, undefined, { TOKEN: 'x' });
    expect(new Set(result.problems.map((p) => p.code))).toEqual(new Set(['PATH_RELATIVE_WITHOUT_FOLDER']));
    expect(result.problems[0]?.message).toContain('save it, or make the path absolute');
  });
});
