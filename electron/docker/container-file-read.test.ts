import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { firstFileOf } from './container-file-read';

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
