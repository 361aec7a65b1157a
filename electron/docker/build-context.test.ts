import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extract } from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { packBuildContext } from './build-context';

const root = mkdtempSync(path.join(tmpdir(), 'dw-context-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The archive's entries: name -> type, with a file's text or a link's target. */
async function entries(dir: string, dockerfile?: string) {
  const warnings: string[] = [];
  const stream = await packBuildContext(dir, {
    ...(dockerfile ? { dockerfile } : {}),
    onWarning: (text) => warnings.push(text),
  });
  const found = new Map<string, string>();
  const reader = extract();
  reader.on('entry', (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    body.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      found.set(
        header.name.replace(/\/$/, ''),
        `${header.type}${header.type === 'symlink' ? `:${header.linkname}` : text ? `:${text}` : ''}`,
      );
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
    stream.on('error', reject);
    stream.pipe(reader);
  });
  return { found, warnings };
}

describe('the build context sent to the engine', () => {
  it('honours .dockerignore (with ! exceptions), and always sends the Dockerfile', async () => {
    const dir = path.join(root, 'ignore');
    mkdirSync(path.join(dir, 'node_modules', 'deep'), { recursive: true });
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(
      path.join(dir, '.dockerignore'),
      'secret.txt\n**/*.log\nnode_modules\n!node_modules/keep.txt\nDockerfile\n',
    );
    writeFileSync(path.join(dir, 'secret.txt'), 'canary');
    writeFileSync(path.join(dir, 'app.txt'), 'app');
    writeFileSync(path.join(dir, 'src', 'debug.log'), 'log');
    writeFileSync(path.join(dir, 'src', 'main.txt'), 'main');
    writeFileSync(path.join(dir, 'node_modules', 'keep.txt'), 'kept');
    writeFileSync(path.join(dir, 'node_modules', 'deep', 'gone.txt'), 'gone');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const { found, warnings } = await entries(dir);
    expect([...found.keys()].sort()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.txt',
      'empty.txt',
      'node_modules/keep.txt',
      'src',
      'src/main.txt',
    ]);
    expect(found.get('app.txt')).toBe('file:app');
    expect(found.get('empty.txt')).toBe('file');
    expect(warnings).toEqual([]);
  });

  it('never follows a link out of the context: such links and hard links are left out, with a warning', async () => {
    const outside = path.join(root, 'outside.txt');
    writeFileSync(outside, 'canary-outside');
    const dir = path.join(root, 'links');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(dir, 'inside.txt'), 'inside');
    symlinkSync('inside.txt', path.join(dir, 'link-inside'));
    symlinkSync(outside, path.join(dir, 'link-outside'));
    symlinkSync('..', path.join(dir, 'link-parent'));
    linkSync(outside, path.join(dir, 'hard-outside'));
    linkSync(path.join(dir, 'inside.txt'), path.join(dir, 'hard-inside'));
    const { found, warnings } = await entries(dir);
    expect([...found.keys()].sort()).toEqual(['Dockerfile', 'hard-inside', 'inside.txt', 'link-inside']);
    expect(found.get('link-inside')).toBe('symlink:inside.txt');
    expect(found.get('hard-inside')).toBe('file:inside');
    expect([...found.values()].join()).not.toContain('canary-outside');
    expect(warnings.sort()).toEqual([
      'not sent: hard-outside is a hard link to a file outside the build context',
      `not sent: link-outside is a symbolic link to ${outside}, outside the build context`,
      `not sent: link-parent is a symbolic link to ${root}, outside the build context`,
    ]);
  });
});
