import { describe, expect, it } from 'vitest';
import { isHostPath, resolveHostPath } from './host-paths';

describe('host paths as Compose reads them', () => {
  it('resolves relative paths against the folder, ~ against the home folder', () => {
    expect(resolveHostPath('./conf', '/srv/app', '/home/me')).toBe('/srv/app/conf');
    expect(resolveHostPath('../shared/x', '/srv/app', '/home/me')).toBe('/srv/shared/x');
    expect(resolveHostPath('~', '/srv/app', '/home/me')).toBe('/home/me');
    expect(resolveHostPath('~/cache', '/srv/app', '/home/me')).toBe('/home/me/cache');
    expect(resolveHostPath('/etc/../var/./log', '/srv/app', '/home/me')).toBe('/var/log');
    expect(resolveHostPath('data', undefined, '/home/me')).toBeUndefined();
  });

  it('tells host paths from volume names', () => {
    expect(['./a', '/a', '~/a', '../a'].map(isHostPath)).toEqual([true, true, true, true]);
    expect(isHostPath('data')).toBe(false);
  });
});
