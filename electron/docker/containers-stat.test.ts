import { describe, expect, it } from 'vitest';
import type { DockerClient, PathStat } from './docker-client';
import { Containers } from './containers';

/** Containers over a client whose only call is the stat, answering as given. */
function containersWhoseStat(answer: () => Promise<PathStat | undefined>): Containers {
  return new Containers({ statPath: answer } as unknown as DockerClient, 'unix:///test.sock');
}
const engineAnswer = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { statusCode });

describe('Containers.statFile', () => {
  it("says a plain file's size, and whether it is one", async () => {
    const file = containersWhoseStat(() => Promise.resolve({ size: 7, mode: 0o644, linkTarget: '' }));
    expect(await file.statFile('c', '/f')).toEqual({ size: 7, regular: true });
    const link = containersWhoseStat(() => Promise.resolve({ size: 3, mode: 2 ** 27, linkTarget: '/x' }));
    expect(await link.statFile('c', '/f')).toEqual({ size: 3, regular: false });
  });

  it('is missing on a 404, and cannot say (the caller reads the file) on another answer', async () => {
    expect(await containersWhoseStat(() => Promise.reject(engineAnswer(404))).statFile('c', '/f')).toBe(
      'missing',
    );
    expect(
      await containersWhoseStat(() => Promise.reject(engineAnswer(405))).statFile('c', '/f'),
    ).toBeUndefined();
    expect(await containersWhoseStat(() => Promise.resolve(undefined)).statFile('c', '/f')).toBeUndefined();
  });

  it('fails when the engine does not answer at all', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(
      containersWhoseStat(() => Promise.reject(refused)).statFile('c', '/f'),
    ).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
    });
  });
});
