import { describe, expect, it } from 'vitest';
import { captureIo } from '../testing/capture-io';
import { runCli } from './program';

const neverStops = { staticDir: '/nonexistent', untilStopped: () => new Promise<void>(() => {}) };

describe('dockwright -p', () => {
  it('refuses a project name with U+202E before anything runs, naming the character (exit 2)', async () => {
    const { io, stderr } = captureIo({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(await runCli(['down', '-p', 'shop\u202egnp'], io, neverStops)).toBe(2);
    expect(stderr()).toContain('"shop<U+202E>gnp" contains U+202E (right-to-left override)');
    expect(stderr()).not.toContain('\u202e');
  });

  it('refuses zero-width and control characters, and names Compose would refuse', async () => {
    for (const name of ['shop\u200b', 'shop\u0007', 'Shop!']) {
      const { io } = captureIo({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
      expect(await runCli(['chaos', 'kill', 'web', '-p', name], io, neverStops)).toBe(2);
    }
  });
});
