import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remotePortsHost, resolveDockerHost } from './docker-host';

describe('remotePortsHost', () => {
  it('is the remote host for tcp:// and ssh:// engines, and undefined for a local one', () => {
    expect(remotePortsHost(resolveDockerHost('unix:///var/run/docker.sock', {}))).toBeUndefined();
    expect(remotePortsHost(resolveDockerHost('tcp://127.0.0.1:2376', {}))).toBeUndefined();
    expect(remotePortsHost(resolveDockerHost('tcp://10.1.2.3:2376', {}))).toBe('10.1.2.3');
    expect(remotePortsHost(resolveDockerHost('ssh://deploy@build-box', {}))).toBe('build-box');
  });
});

describe('resolveDockerHost', () => {
  it('defaults to the platform socket', () => {
    expect(resolveDockerHost(undefined, {})).toMatchObject({
      display: 'unix:///var/run/docker.sock',
      options: { socketPath: '/var/run/docker.sock' },
    });
  });

  it('reads DOCKER_HOST, and an explicit value wins over it', () => {
    const env = { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' };
    expect(resolveDockerHost(undefined, env).options).toEqual({ socketPath: '/run/user/1000/docker.sock' });
    expect(resolveDockerHost('tcp://10.1.2.3:2375', env)).toMatchObject({
      display: 'tcp://10.1.2.3:2375',
      options: { host: '10.1.2.3', port: '2375', protocol: 'http' },
    });
  });

  it('uses TLS for tcp when DOCKER_TLS_VERIFY is set or the port is 2376', () => {
    expect(resolveDockerHost('tcp://h:2376', {}).options).toMatchObject({ protocol: 'https' });
    expect(resolveDockerHost('tcp://h:9999', { DOCKER_TLS_VERIFY: '1' }).options).toMatchObject({
      protocol: 'https',
    });
  });

  it('supports ssh:// remote engines, with the agent and known_hosts of the home given', () => {
    expect(
      resolveDockerHost('ssh://deploy@build-box:2222', { HOME: '/home/me', SSH_AUTH_SOCK: '/a.sock' })
        .options,
    ).toEqual({
      protocol: 'ssh',
      host: 'build-box',
      port: '2222',
      username: 'deploy',
      ssh: { agent: '/a.sock', knownHostsFiles: ['/home/me/.ssh/known_hosts', '/etc/ssh/ssh_known_hosts'] },
    });
    // As ssh: port 22 and the local user when the address names none; no agent, none offered.
    expect(resolveDockerHost('ssh://build-box', { HOME: '/home/me', USER: 'me' }).options).toMatchObject({
      port: '22',
      username: 'me',
      ssh: { knownHostsFiles: ['/home/me/.ssh/known_hosts', '/etc/ssh/ssh_known_hosts'] },
    });
  });

  describe('TLS material', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-docker-host-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (folder: string, files: string[]) => {
      mkdirSync(folder, { recursive: true });
      for (const file of files) writeFileSync(path.join(folder, file), file);
    };

    it('reads ca.pem, cert.pem and key.pem from DOCKER_CERT_PATH', () => {
      write(path.join(dir, 'certs'), ['ca.pem', 'cert.pem', 'key.pem']);
      const options = resolveDockerHost('tcp://h:9999', {
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: path.join(dir, 'certs'),
      }).options;
      expect([options.ca, options.cert, options.key].map(String)).toEqual(['ca.pem', 'cert.pem', 'key.pem']);
      expect(options.tlsSkipVerify).toBeUndefined();
    });

    it('defaults to ~/.docker (DOCKER_CONFIG) when TLS is asked for without DOCKER_CERT_PATH', () => {
      write(path.join(dir, 'home', '.docker'), ['ca.pem']);
      const options = resolveDockerHost('tcp://h:2376', {
        DOCKER_TLS_VERIFY: '1',
        HOME: path.join(dir, 'home'),
      }).options;
      expect(String(options.ca)).toBe('ca.pem');
      expect(options.cert).toBeUndefined();
      // Not asked for: no certificates read, the system's CAs check the engine.
      expect(resolveDockerHost('tcp://h:2376', { HOME: path.join(dir, 'home') }).options.ca).toBeUndefined();
    });

    it('DOCKER_TLS without DOCKER_TLS_VERIFY is TLS without checking the engine', () => {
      expect(resolveDockerHost('tcp://h:9999', { DOCKER_TLS: '1', HOME: dir }).options).toMatchObject({
        protocol: 'https',
        tlsSkipVerify: true,
      });
    });

    it('refuses half a client certificate', () => {
      write(path.join(dir, 'half'), ['ca.pem', 'cert.pem']);
      expect(() =>
        resolveDockerHost('tcp://h:2376', {
          DOCKER_TLS_VERIFY: '1',
          DOCKER_CERT_PATH: path.join(dir, 'half'),
        }),
      ).toThrow(/has cert\.pem but no key\.pem: a client certificate needs both/);
    });
  });

  it('refuses what it cannot use with a clear INVALID_INPUT', () => {
    expect(() => resolveDockerHost('docker.sock', {})).toThrow(/not a URL/);
    expect(() => resolveDockerHost('ftp://h', {})).toThrow(/scheme "ftp:" is not supported/);
  });
});
