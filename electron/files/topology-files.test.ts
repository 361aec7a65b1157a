import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/ipc/errors';
import { MAX_RECENT_FILES } from './recent-files';
import { TopologyFiles } from './topology-files';

const dirs: string[] = [];
function setup(options: { maxBytes?: number } = {}) {
  const base = mkdtempSync(path.join(tmpdir(), 'dw-files-'));
  dirs.push(base);
  const dataDir = path.join(base, 'data');
  const outside = path.join(base, 'outside');
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, 'secret.yaml'), 'secret: 1\n');
  const files = new TopologyFiles({ dataDir, ...options });
  return { dataDir, outside, files, folder: path.join(dataDir, 'topologies') };
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('TopologyFiles', () => {
  it('writes, lists and reads back files, sub-folders included', async () => {
    const { files, folder } = setup();
    const written = await files.write('shop.yaml', 'a: 1\n');
    expect(written.path).toBe('shop.yaml');
    expect(Date.parse(written.modifiedAt)).not.toBeNaN();
    await files.write('team/api.yml', 'b: 2\n');
    expect(readFileSync(path.join(folder, 'team', 'api.yml'), 'utf8')).toBe('b: 2\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'not a topology');
    writeFileSync(path.join(folder, '.hidden.yaml'), 'x: 1');

    const list = await files.list();
    expect(list.map((f) => [f.path, f.name, f.sizeBytes])).toEqual([
      ['shop.yaml', 'shop.yaml', 5],
      ['team/api.yml', 'api.yml', 5],
    ]);
    expect(await files.read('team/api.yml')).toMatchObject({ path: 'team/api.yml', content: 'b: 2\n' });
  });

  it('refuses paths that could name something outside the folder, saying why', async () => {
    const { files } = setup();
    const cases: Array<[string, string]> = [
      ['/etc/passwd.yaml', 'absolute'],
      ['C:/Windows/x.yaml', 'absolute'],
      ['\\\\server\\share\\x.yaml', 'absolute'],
      ['../outside/secret.yaml', 'parent'],
      ['team/../../x.yaml', 'parent'],
      ['./x.yaml', 'parent'],
      ['a\u0000.yaml', 'nul'],
      ['.ssh/id.yaml', 'hidden'],
      ['a//b.yaml', 'empty-segment'],
      ['team\\..\\x.yaml', 'character'],
      ['x.yaml:stream.yaml', 'character'],
      ['NUL.yaml', 'device'],
      ['com1.yml', 'device'],
      ['x.yaml.', 'trailing'],
      ['x.txt', 'extension'],
      ['', 'empty'],
    ];
    for (const [file, reason] of cases) {
      const read = await failure(files.read(file));
      expect([file, read.code, (read.details as { reason: string }).reason]).toEqual([
        file,
        'INVALID_INPUT',
        reason,
      ]);
      const write = await failure(files.write(file, 'x: 1\n'));
      expect(write.code).toBe('INVALID_INPUT');
    }
  });

  it('refuses to follow a symbolic link out of the folder, for reading and for writing', async () => {
    const { files, folder, outside } = setup();
    mkdirSync(folder, { recursive: true });
    symlinkSync(outside, path.join(folder, 'escape'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(folder, 'secret.yaml'));

    for (const file of ['escape/secret.yaml', 'secret.yaml']) {
      const read = await failure(files.read(file));
      expect(read.code).toBe('FORBIDDEN');
      expect(read.message).toContain('outside the topologies folder');
      expect((await failure(files.write(file, 'pwned: 1\n'))).code).toBe('FORBIDDEN');
    }
    // Not even a folder is created through the link.
    expect((await failure(files.write('escape/new/x.yaml', 'x: 1\n'))).code).toBe('FORBIDDEN');
    expect(existsSync(path.join(outside, 'new'))).toBe(false);
    expect(readFileSync(path.join(outside, 'secret.yaml'), 'utf8')).toBe('secret: 1\n');
    expect((await files.list()).map((f) => f.path)).toEqual([]);
  });

  it('follows a symbolic link that stays inside the folder', async () => {
    const { files, folder } = setup();
    await files.write('real/a.yaml', 'a: 1\n');
    symlinkSync(path.join(folder, 'real'), path.join(folder, 'alias'));
    expect((await files.read('alias/a.yaml')).content).toBe('a: 1\n');
    await files.write('alias/a.yaml', 'a: 2\n');
    expect(readFileSync(path.join(folder, 'real', 'a.yaml'), 'utf8')).toBe('a: 2\n');
  });

  it('writes atomically: a reader at any moment sees one whole version, and no temporary file stays', async () => {
    const { files, folder } = setup();
    const versions = ['a', 'b'].map((c) => `${c}: "${c.repeat(2_000_000)}"\n`);
    await files.write('shop.yaml', versions[0]!);
    let done = false;
    const writes = (async () => {
      for (let i = 1; i <= 6; i++) await files.write('shop.yaml', versions[i % 2]!);
      done = true;
    })();
    const seen = new Set<string>();
    let reads = 0;
    while (!done) {
      const text = await readFile(path.join(folder, 'shop.yaml'), 'utf8');
      reads++;
      // A truncate-then-write would show an empty or a cut file here.
      seen.add(versions.includes(text) ? 'whole' : `torn at ${text.length}`);
    }
    await writes;
    expect(reads).toBeGreaterThan(0);
    expect([...seen]).toEqual(['whole']);
    expect(readdirSync(folder)).toEqual(['shop.yaml']);
  });

  it('leaves the old file intact when a write fails', async () => {
    const { files, folder } = setup();
    await files.write('shop.yaml', 'old: 1\n');
    mkdirSync(path.join(folder, 'dir.yaml'));
    expect((await failure(files.write('dir.yaml', 'x: 1\n'))).code).toBe('INVALID_INPUT');
    expect((await failure(files.write('shop.yaml/x.yaml', 'x: 1\n'))).code).toBe('INVALID_INPUT');
    expect(readFileSync(path.join(folder, 'shop.yaml'), 'utf8')).toBe('old: 1\n');
    expect(readdirSync(folder).sort()).toEqual(['dir.yaml', 'shop.yaml']);
  });

  it('refuses files over the size limit, both ways, with a clear error', async () => {
    const { files, folder } = setup({ maxBytes: 1000 });
    const write = await failure(files.write('big.yaml', 'x'.repeat(1001)));
    expect(write.code).toBe('PAYLOAD_TOO_LARGE');
    expect(write.message).toMatch(/limit/);
    expect(existsSync(path.join(folder, 'big.yaml'))).toBe(false);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'big.yaml'), 'x'.repeat(2000));
    expect((await failure(files.read('big.yaml'))).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('says NOT_FOUND for a missing file and refuses bytes that are not UTF-8 text', async () => {
    const { files, folder } = setup();
    expect((await failure(files.read('missing.yaml'))).code).toBe('NOT_FOUND');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x81]));
    const binary = await failure(files.read('binary.yaml'));
    expect([binary.code, binary.message]).toEqual(['INVALID_INPUT', '"binary.yaml" is not UTF-8 text.']);
  });

  it('keeps a recent list: most recent first, at most 10, on disk, without vanished files', async () => {
    const { files, folder, dataDir } = setup();
    expect(await files.recent()).toEqual([]);
    await files.write('a.yaml', 'a: 1\n');
    await files.write('b.yaml', 'b: 1\n');
    await files.read('a.yaml');
    expect(await files.recent()).toEqual(['a.yaml', 'b.yaml']);

    rmSync(path.join(folder, 'b.yaml'));
    expect(await files.recent()).toEqual(['a.yaml']);

    for (let i = 0; i < 12; i++) await files.write(`f${i}.yaml`, 'x: 1\n');
    const recent = await files.recent();
    expect(recent).toHaveLength(MAX_RECENT_FILES);
    expect(recent[0]).toBe('f11.yaml');
    expect(recent).not.toContain('a.yaml');

    // It lives in the data directory and survives a new service (a restart).
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'recent-files.json'), 'utf8')) as {
      paths: string[];
    };
    expect(stored.paths).toEqual(recent);
    expect(await new TopologyFiles({ dataDir }).recent()).toEqual(recent);
  });

  it('treats a damaged or tampered recent list as empty or drops the bad entries', async () => {
    const { files, dataDir } = setup();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'recent-files.json'), '{ not json');
    expect(await files.recent()).toEqual([]);
    await files.write('ok.yaml', 'x: 1\n');
    writeFileSync(
      path.join(dataDir, 'recent-files.json'),
      JSON.stringify({ version: 1, paths: ['../outside/secret.yaml', 'ok.yaml', '/etc/passwd'] }),
    );
    expect(await files.recent()).toEqual(['ok.yaml']);
  });
});
