import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realHostPath } from './real-host-path';

// realpath: the temporary folder may itself sit behind a link (macOS /tmp -> /private/tmp).
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'dw-host-path-')));
mkdirSync(path.join(dir, 'project', 'deploy'), { recursive: true });
symlinkSync('/etc', path.join(dir, 'project', 'etc-link'));
symlinkSync('../etc-link', path.join(dir, 'project', 'deploy', 'relative-link'));
const baseDir = path.join(dir, 'project', 'deploy');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('realHostPath', () => {
  it('follows symbolic links to where they lead, also below them and for paths not there yet', async () => {
    expect(await realHostPath(path.join(dir, 'project', 'etc-link'))).toBe('/etc');
    expect(await realHostPath('../etc-link/', { baseDir })).toBe('/etc');
    expect(await realHostPath('./relative-link', { baseDir })).toBe('/etc');
    expect(await realHostPath('relative-link/hostname', { baseDir })).toBe('/etc/hostname');
    expect(await realHostPath('relative-link/not-there/yet', { baseDir })).toBe('/etc/not-there/yet');
  });

  it('applies .. after the link, as the kernel does, when the path exists', async () => {
    expect(await realHostPath('relative-link/../proc', { baseDir })).toBe('/proc');
  });

  it('resolves relative paths against the base folder and ~ against the home folder', async () => {
    expect(await realHostPath('../../project/data', { baseDir })).toBe(path.join(dir, 'project', 'data'));
    expect(await realHostPath('../'.repeat(12) + 'etc', { baseDir })).toBe('/etc');
    expect(await realHostPath('~/keys/', { home: path.join(dir, 'project') })).toBe(
      path.join(dir, 'project', 'keys'),
    );
    expect(await realHostPath('~/etc-link', { home: path.join(dir, 'project') })).toBe('/etc');
    expect(await realHostPath('~other/x')).toBe('~other/x');
  });
});
