import { describe, expect, it } from 'vitest';
import { captureIo } from '../testing/capture-io';
import { dockerCliServerVersion } from '../testing/test-images';
import { runCli } from './program';

const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };

describe('dockwright CLI against the real engine', () => {
  it('engine --json prints the real engine info', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['engine', '--json'], io, neverStops)).toBe(0);
    const info = JSON.parse(stdout()) as { reachable: boolean; version: string; containers: number };
    expect(info.reachable).toBe(true);
    expect(info.version).toBe(dockerCliServerVersion());
    expect(typeof info.containers).toBe('number');
  });
});
