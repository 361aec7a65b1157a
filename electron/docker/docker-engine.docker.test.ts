import { afterEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../shared/ipc/contract';
import type { Clock } from '../common/clock';
import { silentLogger } from '../common/logger';
import { BUSYBOX_IMAGE, dockerCliServerVersion } from '../testing/test-images';
import { DockerEngine } from './docker-engine';
import { countingCalls } from '../testing/counting-calls';
import { engineRelay } from '../testing/engine-relay';

const engines: DockerEngine[] = [];
const cleanups: Array<() => void> = [];

function engine(options: Partial<ConstructorParameters<typeof DockerEngine>[0]> = {}): DockerEngine {
  const created = new DockerEngine({ logger: silentLogger, env: {}, ...options });
  engines.push(created);
  return created;
}

afterEach(() => {
  for (const e of engines.splice(0)) e.dispose();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('DockerEngine against the real engine', () => {
  it('reports the engine info, agreeing with the docker CLI', async () => {
    const info = await engine().info();
    expect(info.reachable).toBe(true);
    if (!info.reachable) return;
    expect(info.version).toBe(dockerCliServerVersion());
    expect(info.apiVersion).toMatch(/^1\.\d+$/);
    expect(info.osType).toBe('linux');
    expect(info.images).toBeGreaterThanOrEqual(1);
    expect(info.host).toBe('unix:///var/run/docker.sock');
  });

  it('lists local images, including the test image', async () => {
    const images = await engine().images();
    const busybox = images.find((image) => image.tags.includes(BUSYBOX_IMAGE));
    expect(busybox).toBeDefined();
    expect(busybox?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(busybox?.sizeBytes).toBeGreaterThan(100_000);
    expect(Date.parse(busybox!.createdAt)).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('answers reachable by a ping, and asks for its runtimes (the slow info call) only when wanted', async () => {
    const calls: string[] = [];
    const e = engine({ decorate: countingCalls(calls) });
    expect(await e.reachable()).toEqual({ reachable: true });
    expect(calls).toEqual(['ping']);
    calls.length = 0;
    const lean = await e.capabilities({ runtimes: false });
    expect(lean?.apiVersion).toMatch(/^1\.\d+$/);
    expect(lean?.runtimes).toBeUndefined();
    expect(calls).toEqual(['version']);
    calls.length = 0;
    const full = await e.capabilities();
    expect(full?.runtimes).toContain('runc');
    expect(calls.sort()).toEqual(['info', 'version']);
  });

  it('becomes connected once started, with the version', async () => {
    const e = engine();
    e.start();
    await expect.poll(() => e.status.state).toBe('connected');
    expect(e.status.version).toBe(dockerCliServerVersion());
    // Whether it manages a Swarm is known (a Swarm test may hold one at the same time: either is right).
    expect(typeof e.status.swarmManager).toBe('boolean');
  });
});

describe('DockerEngine without an engine', () => {
  const missing = 'unix:///nonexistent/dockwright-test.sock';

  it('says clearly that nothing answers, as data, and reports disconnected', async () => {
    const e = engine({ env: { DOCKER_HOST: missing } });
    const info = await e.info();
    expect(info).toMatchObject({ reachable: false, host: missing, error: { code: 'ENGINE_UNAVAILABLE' } });
    if (info.reachable) return;
    expect(info.error.message).toContain('/nonexistent/dockwright-test.sock');
    expect(info.error.message).toContain('ENOENT');
    expect(e.status.state).toBe('disconnected');
    await expect(e.images()).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });

  it('answers unreachable, saying why, when nothing answers the ping', async () => {
    const e = engine({ env: { DOCKER_HOST: missing } });
    const answer = await e.reachable();
    expect(answer).toMatchObject({ reachable: false, error: { code: 'ENGINE_UNAVAILABLE' } });
    if (answer.reachable) return;
    expect(answer.error.message).toContain('/nonexistent/dockwright-test.sock');
    expect(e.status.state).toBe('disconnected');
  });

  it('pushes disconnected when started against a missing socket, and keeps retrying', async () => {
    const e = engine({ env: { DOCKER_HOST: missing }, backoff: { initialDelayMs: 10, maxDelayMs: 50 } });
    const seen: EngineStatus[] = [];
    e.onStatus((status) => seen.push(status));
    e.start();
    await expect.poll(() => seen.at(-1)?.state).toBe('disconnected');
    expect(seen.at(-1)?.reason).toMatch(/not reachable/);
    // Same state and reason: retries do not spam the status feed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toHaveLength(1);
  });
});

describe('DockerEngine reconnection', () => {
  it('notices the engine going away at once and reconnects with backoff when it returns', async () => {
    const relay = engineRelay();
    cleanups.push(() => void relay.dispose());
    await relay.up();
    const e = engine({
      host: relay.host,
      backoff: { initialDelayMs: 20, maxDelayMs: 200 },
      pingIntervalMs: 60_000,
    });
    const states: string[] = [];
    e.onStatus((status) => states.push(status.state));
    e.start();
    await expect.poll(() => e.status.state).toBe('connected');

    // The ping interval is a minute: only the closed event stream can reveal this quickly.
    await relay.down();
    await expect.poll(() => e.status.state, { timeout: 3_000 }).toBe('disconnected');

    await relay.up();
    await expect.poll(() => e.status.state, { timeout: 5_000 }).toBe('connected');
    // A new reason while disconnected is told too (the stream closed, then the retry refused):
    // the states it went through are these.
    const transitions = states.filter((state, i) => state !== states[i - 1]);
    expect(transitions).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('stops every timer and stream on dispose', async () => {
    // A clock that counts the timers still pending: after dispose there must be none.
    const pending = new Set<unknown>();
    const clock: Clock = {
      now: () => Date.now(),
      setTimeout(callback, ms) {
        const timer = setTimeout(() => {
          pending.delete(timer);
          callback();
        }, ms);
        pending.add(timer);
        return timer;
      },
      clearTimeout(timer) {
        pending.delete(timer);
        clearTimeout(timer as NodeJS.Timeout);
      },
    };
    const relay = engineRelay();
    cleanups.push(() => void relay.dispose());
    await relay.up();
    const e = engine({ host: relay.host, clock, pingIntervalMs: 20 });
    e.start();
    await expect.poll(() => e.status.state).toBe('connected');
    await expect.poll(() => pending.size).toBe(1);
    e.dispose();
    expect(pending.size).toBe(0);
    // The event stream is gone too: cutting the engine now changes nothing and schedules nothing.
    await relay.down();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pending.size).toBe(0);
    expect(e.status.state).toBe('connected');
  });
});
