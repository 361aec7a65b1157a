import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { firstFileOf, isRegularFile, pathStatFrom } from './container-file-read';

async function tarOf(entries: Array<{ name: string; type?: 'file' | 'directory'; content?: string }>) {
  const archive = pack();
  for (const entry of entries) {
    if (entry.type === 'directory') archive.entry({ name: entry.name, type: 'directory' });
    else archive.entry({ name: entry.name }, entry.content ?? '');
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Readable.from([Buffer.concat(chunks)]);
}

describe('firstFileOf', () => {
  it('reads the first regular file, skipping folders', async () => {
    const found = await firstFileOf(
      await tarOf([
        { name: 'd', type: 'directory' },
        { name: 'd/output', content: 'A=1\n' },
        { name: 'x', content: 'no' },
      ]),
      1024,
    );
    expect(found).toEqual({ size: 4, content: Buffer.from('A=1\n') });
  });

  it('reports the size of a file over the limit without its bytes', async () => {
    expect(await firstFileOf(await tarOf([{ name: 'big', content: 'x'.repeat(2000) }]), 1000)).toEqual({
      size: 2000,
    });
  });

  it('is undefined for an archive without a file', async () => {
    expect(await firstFileOf(await tarOf([{ name: 'd', type: 'directory' }]), 10)).toBeUndefined();
  });
});

describe('pathStatFrom and isRegularFile', () => {
  const header = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

  it('reads the engine header of a plain file, a folder and a link', () => {
    const file = pathStatFrom(header({ name: 'outputs', size: 4, mode: 420, mtime: 'x', linkTarget: '' }));
    expect(file).toEqual({ size: 4, mode: 420, linkTarget: '' });
    expect(isRegularFile(file!)).toBe(true);
    // Go's os.ModeDir (1 << 31) with 0755, as the engine sends a folder.
    expect(isRegularFile(pathStatFrom(header({ size: 4096, mode: 2 ** 31 + 0o755, linkTarget: '' }))!)).toBe(
      false,
    );
    expect(
      isRegularFile(pathStatFrom(header({ size: 9, mode: 2 ** 27 + 0o777, linkTarget: '/etc/passwd' }))!),
    ).toBe(false);
  });

  it('refuses a header that is missing, not base64 JSON, or has sizes that are not whole numbers', () => {
    expect(pathStatFrom(undefined)).toBeUndefined();
    expect(pathStatFrom(['a', 'b'])).toBeUndefined();
    expect(pathStatFrom('%%%')).toBeUndefined();
    expect(pathStatFrom(Buffer.from('null').toString('base64'))).toBeUndefined();
    expect(pathStatFrom(header({ size: -1, mode: 420 }))).toBeUndefined();
    expect(pathStatFrom(header({ size: '4', mode: 420 }))).toBeUndefined();
    expect(pathStatFrom(header({ size: 1.5, mode: 420 }))).toBeUndefined();
    expect(pathStatFrom('A'.repeat(9000))).toBeUndefined();
  });
});
