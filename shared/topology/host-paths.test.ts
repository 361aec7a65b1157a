import { describe, expect, it } from 'vitest';
import { resolveHostPath, sensitiveHostPath } from './host-paths';

describe('resolveHostPath', () => {
  it('normalizes slashes, trailing slashes, . and ..', () => {
    expect(resolveHostPath('/etc/')).toBe('/etc');
    expect(resolveHostPath('//var//run///docker.sock')).toBe('/var/run/docker.sock');
    expect(resolveHostPath('/srv/app/../../etc/./shadow')).toBe('/etc/shadow');
    expect(resolveHostPath('/../../..')).toBe('/');
    expect(resolveHostPath('/')).toBe('/');
  });

  it('resolves relative paths against a base folder only', () => {
    expect(resolveHostPath('./data')).toBeUndefined();
    expect(resolveHostPath('../../../etc', { baseDir: '/srv/app/deploy' })).toBe('/etc');
    expect(resolveHostPath('data/', { baseDir: '/srv/app' })).toBe('/srv/app/data');
  });

  it('expands ~ to the home folder when known, else keeps it', () => {
    expect(resolveHostPath('~/.ssh', { home: '/home/ann' })).toBe('/home/ann/.ssh');
    expect(resolveHostPath('~/.ssh/')).toBe('~/.ssh');
    expect(resolveHostPath('~')).toBe('~');
    expect(resolveHostPath('~bob/src/..')).toBe('~bob');
    expect(resolveHostPath('~/../../etc', { home: '/home/ann' })).toBe('/etc');
    expect(resolveHostPath('~/../../etc')).toBeUndefined();
  });
});

describe('sensitiveHostPath', () => {
  it.each([
    ['/', "the host's whole file system"],
    ['/etc', 'configuration'],
    ['/etc/shadow', 'configuration'],
    ['/proc', 'process interface'],
    ['/sys/fs/cgroup', 'device and control'],
    ['/boot', 'boot loader'],
    ['/dev/sda', 'devices'],
    ['/run', 'sockets'],
    ['/var/run', 'sockets'],
    ['/var/run/docker.sock', 'engine'],
    ['/run/user/1000/docker.sock', 'engine'],
    ['/srv/podman.sock', 'engine'],
    ['/var/lib/docker/volumes', "Docker's own data"],
    ['/var', 'contains /var/run'],
    ['/home', "every user's home"],
    ['/Users', "every user's home"],
    ['/root', 'a whole home directory'],
    ['/home/ann', 'a whole home directory'],
    ['~', 'a whole home directory'],
    ['~/.ssh', 'hidden'],
    ['/root/.docker/config.json', 'hidden'],
    ['/home/ann/.bashrc', 'hidden'],
  ])('%s is sensitive (%s)', (path, why) => {
    expect(sensitiveHostPath(path)).toContain(why);
  });

  it.each([
    '/srv/app/data',
    '/home/ann/projects/shop/src',
    '/tmp/cache',
    '/opt',
    '/var/lib/app',
    '~/src',
    '/etcetera',
  ])('%s is not', (path) => {
    expect(sensitiveHostPath(path)).toBeUndefined();
  });
});
