import { describe, expect, it } from 'vitest';
import type { WireFrame } from './envelope';
import type { LinkState, MessageWire } from './transport';
import { createWireTransport } from './wire-client';

/** A wire whose link the test drops and brings back; it records what is sent. */
function fakeWire() {
  const sent: WireFrame[] = [];
  const frames = new Set<(frame: unknown) => void>();
  const links = new Set<(link: LinkState) => void>();
  const wire: MessageWire = {
    send: (frame) => sent.push(frame),
    onFrame: (l) => (frames.add(l), () => frames.delete(l)),
    onClose: () => () => undefined,
    onLink: (l) => (links.add(l), () => links.delete(l)),
    close: () => undefined,
  };
  return {
    wire,
    sent,
    link: (link: LinkState) => links.forEach((l) => l(link)),
    answer: (id: string) => frames.forEach((l) => l({ t: 'res', response: { id, ok: true, result: id } })),
  };
}

const req = (id: string, channel: string) => ({ id, channel, payload: {} });

describe('wire client over a link that drops', () => {
  it('holds requests until the link opens', async () => {
    const fake = fakeWire();
    const transport = createWireTransport(fake.wire, { timeoutMs: 5_000 });
    const answer = transport.request(req('1', 'runs.list'));
    expect(fake.sent).toEqual([]);
    fake.link({ state: 'open', resumed: false, reconnected: false });
    expect(fake.sent.map((f) => (f as { id: string }).id)).toEqual(['1']);
    fake.answer('1');
    await expect(answer).resolves.toMatchObject({ ok: true });
  });

  it('sends reads and runs.start again after a drop, and fails cleanup and cancel in flight', async () => {
    const fake = fakeWire();
    const transport = createWireTransport(fake.wire, { timeoutMs: 5_000 });
    fake.link({ state: 'open', resumed: false, reconnected: false });
    const read = transport.request(req('r', 'runs.get'));
    const start = transport.request(req('s', 'runs.start'));
    const cleanup = transport.request(req('c', 'runs.cleanup'));
    const cancel = transport.request(req('x', 'runs.cancel'));
    fake.link({ state: 'reconnecting', reason: 'closed (1006)' });
    await expect(cleanup).resolves.toMatchObject({ ok: false, error: { code: 'TRANSPORT_CLOSED' } });
    await expect(cancel).resolves.toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/runs.cancel was in flight.*not sent again/) as unknown },
    });
    // A request made while the link is down waits for it, whatever it is.
    const later = transport.request(req('l', 'runs.cleanup'));
    fake.sent.length = 0;
    fake.link({ state: 'open', resumed: true, reconnected: true });
    expect(fake.sent.map((f) => (f as { id: string }).id).sort()).toEqual(['l', 'r', 's']);
    for (const id of ['r', 's', 'l']) fake.answer(id);
    await expect(Promise.all([read, start, later])).resolves.toHaveLength(3);
  });

  it('still times out a request that waits for a link that never comes', async () => {
    const fake = fakeWire();
    const transport = createWireTransport(fake.wire, { timeoutMs: 20 });
    await expect(transport.request(req('1', 'runs.list'))).resolves.toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT' },
    });
  });
});
