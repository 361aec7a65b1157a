import { describe, expect, it } from 'vitest';
import { resolveDockerHost } from './docker-host';

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

  it('supports ssh:// remote engines', () => {
    expect(resolveDockerHost('ssh://deploy@build-box:2222', {}).options).toEqual({
      protocol: 'ssh',
      host: 'build-box',
      port: '2222',
      username: 'deploy',
    });
  });

  it('refuses what it cannot use with a clear INVALID_INPUT', () => {
    expect(() => resolveDockerHost('docker.sock', {})).toThrow(/not a URL/);
    expect(() => resolveDockerHost('ftp://h', {})).toThrow(/scheme "ftp:" is not supported/);
  });
});
