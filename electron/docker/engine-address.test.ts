import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineSelectionOf, resolveEngine } from './engine-address';

/** A fake home: `~/.docker` with contexts (and their TLS material) and a config.json. */
const home = mkdtempSync(path.join(tmpdir(), 'dw-engine-address-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function context(name: string, host: string, options: { tls?: string[]; skipTlsVerify?: boolean } = {}) {
  const id = createHash('sha256').update(name).digest('hex');
  const meta = path.join(home, '.docker', 'contexts', 'meta', id);
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
    }),
  );
  const tls = path.join(home, '.docker', 'contexts', 'tls', id, 'docker');
  mkdirSync(tls, { recursive: true });
  for (const file of options.tls ?? []) writeFileSync(path.join(tls, file), `${name} ${file}`);
}

context('lab', 'tcp://127.0.0.1:12376', { tls: ['ca.pem', 'cert.pem', 'key.pem'] });
context('insecure', 'tcp://127.0.0.1:12377', { skipTlsVerify: true });
context('ssh-box', 'ssh://deploy@127.0.0.1:2222');
context('plain', 'tcp://127.0.0.1:12375');

const env = (extra: Record<string, string> = {}) => ({ HOME: home, SSH_AUTH_SOCK: '/agent.sock', ...extra });
const withCurrent = (name: string) =>
  writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: name }));

describe('which engine: -H > --context > DOCKER_HOST > DOCKER_CONTEXT > currentContext > socket', () => {
  it('-H wins over everything', () => {
    withCurrent('plain');
    const all = env({ DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_CONTEXT: 'plain' });
    expect(resolveEngine({ host: 'unix:///tmp/x.sock', context: 'lab' }, all)).toEqual({
      display: 'unix:///tmp/x.sock',
      options: { socketPath: '/tmp/x.sock' },
    });
  });

  it('--context wins over DOCKER_HOST, DOCKER_CONTEXT and currentContext, with its TLS material', () => {
    withCurrent('plain');
    const host = resolveEngine(
      { context: 'lab' },
      env({ DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_CONTEXT: 'plain', DOCKER_CERT_PATH: '/nowhere' }),
    );
    expect(host.display).toBe('tcp://127.0.0.1:12376');
    expect(host.context).toBe('lab');
    expect(host.options).toMatchObject({ host: '127.0.0.1', port: '12376', protocol: 'https' });
    expect(host.options.ca?.toString()).toBe('lab ca.pem');
    expect(host.options.cert?.toString()).toBe('lab cert.pem');
    expect(host.options.tlsSkipVerify).toBeUndefined();
  });

  it('DOCKER_HOST wins over DOCKER_CONTEXT and currentContext', () => {
    withCurrent('lab');
    const host = resolveEngine({}, env({ DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'lab' }));
    expect(host).toEqual({
      display: 'tcp://127.0.0.1:2375',
      options: { host: '127.0.0.1', port: '2375', protocol: 'http' },
    });
  });

  it('DOCKER_CONTEXT wins over currentContext, which wins over the socket', () => {
    withCurrent('plain');
    expect(resolveEngine({}, env({ DOCKER_CONTEXT: 'lab' })).context).toBe('lab');
    expect(resolveEngine({}, env()).display).toBe('tcp://127.0.0.1:12375');
    withCurrent('default');
    expect(resolveEngine({}, env()).display).toBe('unix:///var/run/docker.sock');
    rmSync(path.join(home, '.docker', 'config.json'));
    expect(resolveEngine({}, env()).display).toBe('unix:///var/run/docker.sock');
  });

  it('`default` is no context: DOCKER_HOST, else the socket', () => {
    expect(resolveEngine({ context: 'default' }, env()).options).toEqual({
      socketPath: '/var/run/docker.sock',
    });
    expect(resolveEngine({ context: 'default' }, env({ DOCKER_HOST: 'tcp://h:2375' })).display).toBe(
      'tcp://h:2375',
    );
  });

  it("a context's SkipTLSVerify is TLS without checking, and never ~/.docker's own certificates", () => {
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(path.join(home, '.docker', 'ca.pem'), 'home ca');
    const host = resolveEngine({ context: 'insecure' }, env());
    expect(host.options).toMatchObject({ protocol: 'https', tlsSkipVerify: true });
    expect(host.options.ca).toBeUndefined();
    rmSync(path.join(home, '.docker', 'ca.pem'));
  });

  it('an ssh context uses the agent and ~/.ssh/known_hosts of the home given', () => {
    expect(resolveEngine({ context: 'ssh-box' }, env()).options).toEqual({
      protocol: 'ssh',
      host: '127.0.0.1',
      port: '2222',
      username: 'deploy',
      ssh: {
        agent: '/agent.sock',
        knownHostsFiles: [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'],
      },
    });
  });

  it('says plainly when a named context is not there, whoever named it', () => {
    expect(() => resolveEngine({ context: 'nope' }, env())).toThrow(/docker context "nope" was not found in/);
    expect(() => resolveEngine({}, env({ DOCKER_CONTEXT: 'gone' }))).toThrow(/"gone" was not found/);
    withCurrent('vanished');
    expect(() => resolveEngine({}, env())).toThrow(/"vanished" was not found/);
    rmSync(path.join(home, '.docker', 'config.json'));
  });

  it("maps the settings' engine choice to a selection", () => {
    expect(engineSelectionOf({ kind: 'default' })).toEqual({});
    expect(engineSelectionOf({ kind: 'host', host: 'tcp://h:2376' })).toEqual({ host: 'tcp://h:2376' });
    expect(engineSelectionOf({ kind: 'context', name: 'lab' })).toEqual({ context: 'lab' });
  });
});
