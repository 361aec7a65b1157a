import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureIo } from '../testing/capture-io';
import { rerunEnvironment } from './load-file';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("a rerun's environment", () => {
  it("reads the .env of the kept run's folder, the shell's variables winning", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-rerun-env-'));
    writeFileSync(path.join(dir, '.env'), 'TOKEN=from-dotenv\nREGION=eu\n');
    const { io } = captureIo({ REGION: 'us', HOME: '/home/me' }, '/elsewhere');
    expect(rerunEnvironment(io, dir)).toEqual({ TOKEN: 'from-dotenv', REGION: 'us', HOME: '/home/me' });
  });

  it("is the shell's alone when the run kept no folder (not the .env of where the command runs)", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-rerun-env-'));
    writeFileSync(path.join(dir, '.env'), 'TOKEN=from-dotenv\n');
    const { io } = captureIo({ HOME: '/home/me' }, dir);
    expect(rerunEnvironment(io, undefined)).toEqual({ HOME: '/home/me' });
  });

  it("is the shell's when the folder has no .env", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-rerun-env-'));
    const { io, stderr } = captureIo({ HOME: '/home/me' });
    expect(rerunEnvironment(io, dir)).toEqual({ HOME: '/home/me' });
    expect(stderr()).toBe('');
  });
});
