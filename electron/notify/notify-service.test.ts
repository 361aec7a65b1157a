import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../common/silent-logger';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { waitFor } from '../testing/wait-for';
import { fullJitterDelay } from './full-jitter';
import { NotifyService, type Notification, type NotifyServiceOptions } from './notify-service';

let dataDir: string;
let receiver: WebhookReceiver;
const services: NotifyService[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dockwright-notify-'));
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await receiver.close();
  await rm(dataDir, { recursive: true, force: true });
});

const make = (extra: Partial<NotifyServiceOptions> = {}) => {
  const service = new NotifyService({
    dataDir,
    logger: silentLogger,
    delays: { initialMs: 20, maxMs: 100 },
    timeoutMs: 2_000,
    breaker: { consecutiveFailures: 50, halfOpenAfterMs: 200 },
    ...extra,
  });
  services.push(service);
  return service;
};

const runEnded = (url: string, runId = 'run-1'): Notification => ({
  event: 'run.ended',
  subject: runId,
  project: 'shop',
  body: { event: 'run.ended', project: 'shop', run: { runId, state: 'succeeded' } },
  targets: [{ target: { url }, source: 'topology' }],
});

const outboxFiles = async () => readdir(path.join(dataDir, 'notify', 'outbox')).catch(() => []);

describe('full jitter', () => {
  it('draws each delay from zero to the capped exponential ceiling', () => {
    const delays = { initialMs: 100, maxMs: 1_000 };
    expect(fullJitterDelay(1, delays, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, delays, () => 0.5)).toBe(200);
    expect(fullJitterDelay(10, delays, () => 0.999)).toBe(999);
    expect(fullJitterDelay(4, delays, () => 0)).toBe(0);
  });
});

describe('NotifyService', () => {
  it('retries a failing receiver until it accepts, with one Idempotency-Key, and empties the outbox', async () => {
    receiver.failNext(3);
    const notify = make();
    await notify.notify(runEnded(receiver.url));
    await waitFor(() => receiver.accepted.size === 1, 10_000, 'the delivery');
    expect(receiver.hits).toHaveLength(4);
    expect(new Set(receiver.hits.map((h) => h.key)).size).toBe(1);
    const [hook] = [...receiver.accepted.values()];
    expect(hook?.event).toBe('run.ended');
    expect(hook?.body).toMatchObject({ id: hook?.key, project: 'shop', run: { runId: 'run-1' } });
    // Only its own headers: no cookie, no authorization.
    expect(hook?.headers.authorization).toBeUndefined();
    expect(hook?.headers.cookie).toBeUndefined();
    await waitFor(() => notify.status().targets[0]?.state === 'delivered', 5_000, 'delivered state');
    expect(notify.status().targets[0]).toMatchObject({
      url: receiver.url.replace(/\?.*$/, ''),
      source: 'topology',
      project: 'shop',
      pending: 0,
      delivered: 1,
      failedAttempts: 3,
    });
    expect(await outboxFiles()).toEqual([]);
  });

  it('survives a restart: what one process left in the outbox the next one sends, once per key', async () => {
    receiver.failNext(1_000);
    const first = make({ delays: { initialMs: 50, maxMs: 50 } });
    await first.notify(runEnded(receiver.url, 'run-a'));
    await first.notify(runEnded(receiver.url, 'run-b'));
    // The same event again (a retried hook, a second process) is the same message.
    await first.notify(runEnded(receiver.url, 'run-a'));
    await waitFor(() => receiver.hits.length >= 4, 10_000, 'failed attempts');
    expect(first.status().targets[0]?.state).toBe('retrying');
    await first.dispose();
    expect(await outboxFiles()).toHaveLength(2);

    receiver.failNext(1);
    const second = make();
    await second.start();
    await waitFor(() => receiver.accepted.size === 2, 10_000, 'both delivered after the restart');
    expect(
      [...receiver.accepted.values()].map((h) => (h.body['run'] as { runId: string }).runId).sort(),
    ).toEqual(['run-a', 'run-b']);
    // At least once on the wire: each key was sent more than once, but accepted once.
    const perKey = new Map<string, number>();
    for (const hit of receiver.hits) perKey.set(hit.key, (perKey.get(hit.key) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n >= 2)).toBe(true);
    await waitFor(() => second.status().targets.every((t) => t.pending === 0), 5_000, 'nothing pending');
    expect(await outboxFiles()).toEqual([]);
  });

  it("opens the target host's circuit after failures in a row, and closes it when the host answers", async () => {
    receiver.failNext(3);
    const notify = make({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 } });
    await notify.notify(runEnded(receiver.url));
    await waitFor(() => notify.status().targets[0]?.state === 'circuit-open', 10_000, 'the circuit to open');
    // The status says what opened it, for the settings screen's words.
    expect(notify.status().targets[0]?.breakerFailures).toBe(3);
    const hitsWhenOpen = receiver.hits.length;
    expect(hitsWhenOpen).toBe(3);
    await waitFor(() => notify.status().targets[0]?.state === 'delivered', 10_000, 'the half-open trial');
    expect(receiver.accepted.size).toBe(1);
  });

  it('gives up on a 4xx other than 408/429 at once, and skips URLs that are not http(s)', async () => {
    receiver.failNext(1, 404);
    const notify = make();
    await notify.notify({
      ...runEnded(receiver.url),
      targets: [
        { target: { url: receiver.url }, source: 'settings' },
        { target: { url: 'file:///etc/passwd' }, source: 'settings' },
      ],
    });
    await waitFor(() => notify.status().targets.some((t) => t.state === 'failed'), 5_000, 'the drop');
    expect(receiver.hits).toHaveLength(1);
    expect(notify.status().targets).toHaveLength(1);
    expect(notify.status().targets[0]).toMatchObject({ dropped: 1, lastError: 'HTTP 404' });
  });

  it('times out a receiver that never answers', async () => {
    const notify = make({ timeoutMs: 100, maxAgeMs: 0 });
    const hang = await import('node:http').then(({ createServer }) => createServer(() => undefined));
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const port = (hang.address() as { port: number }).port;
    try {
      await notify.notify(runEnded(`http://127.0.0.1:${port}/slow`));
      await waitFor(() => notify.status().targets[0]?.state === 'failed', 5_000, 'the timeout');
      expect(notify.status().targets[0]?.lastError).toMatch(/no answer within 100 ms/);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});
