import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinkState } from '../../../shared/ipc/transport';
import { createWebSocketWire } from './websocket-wire';

/** A WebSocket the test opens, feeds and drops. */
class FakeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static made: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close(code = 1000, reason = '') {
    this.drop(code, reason);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  receive(frame: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
  drop(code = 1006, reason = '') {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.dispatchEvent(new CloseEvent('close', { code, reason }));
  }
}

afterEach(() => {
  FakeSocket.made = [];
  vi.useRealTimers();
});

describe('the web mode WebSocket wire', () => {
  it('reconnects with backoff after a drop, asks for what it missed and says so', async () => {
    vi.useFakeTimers();
    const links: LinkState[] = [];
    const frames: unknown[] = [];
    const wire = createWebSocketWire('ws://127.0.0.1:7420/api/ws', {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      random: () => 1,
      minDelayMs: 100,
      maxDelayMs: 1_000,
    });
    wire.onLink?.((link) => links.push(link));
    wire.onFrame((frame) => frames.push(frame));
    const first = FakeSocket.made[0]!;
    first.open();
    first.receive({ t: 'hello', epoch: 'e1', seq: 4, resumed: false });
    first.receive({ t: 'evt', events: [], seq: 5, epoch: 'e1' });
    expect(links).toEqual([{ state: 'open', resumed: false, reconnected: false }]);
    wire.send({ t: 'req', id: '1', channel: 'runs.list', payload: {} });
    expect(first.sent).toHaveLength(1);

    first.drop(1006);
    expect(links.at(-1)).toEqual({ state: 'reconnecting', reason: 'closed (1006)' });
    // Down: nothing is sent (the wire client holds requests until the link is back).
    wire.send({ t: 'req', id: '2', channel: 'runs.list', payload: {} });
    await vi.advanceTimersByTimeAsync(100);
    const second = FakeSocket.made[1]!;
    expect(new URL(second.url).searchParams.get('epoch')).toBe('e1');
    expect(new URL(second.url).searchParams.get('since')).toBe('5');
    // The server is still away: the next try waits longer.
    second.drop(1006);
    await vi.advanceTimersByTimeAsync(199);
    expect(FakeSocket.made).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const third = FakeSocket.made[2]!;
    third.open();
    third.receive({ t: 'hello', epoch: 'e1', seq: 7, resumed: true });
    third.receive({ t: 'evt', events: [], seq: 6, epoch: 'e1' });
    expect(links.at(-1)).toEqual({ state: 'open', resumed: true, reconnected: true });
    expect(links.filter((l) => l.state === 'reconnecting')).toHaveLength(1);
    expect(frames.map((f) => (f as { seq?: number }).seq)).toEqual([5, 6]);
    wire.close();
  });

  it('after a server restart (a new epoch) reports a reopen without replay', async () => {
    vi.useFakeTimers();
    const links: LinkState[] = [];
    const wire = createWebSocketWire('ws://127.0.0.1:7420/api/ws', {
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      random: () => 0,
    });
    wire.onLink?.((link) => links.push(link));
    FakeSocket.made[0]!.open();
    FakeSocket.made[0]!.receive({ t: 'hello', epoch: 'e1', seq: 1, resumed: false });
    FakeSocket.made[0]!.drop();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.made[1]!.open();
    FakeSocket.made[1]!.receive({ t: 'hello', epoch: 'e2', seq: 0, resumed: false });
    expect(links.at(-1)).toEqual({ state: 'open', resumed: false, reconnected: true });
    wire.close();
    expect(FakeSocket.made).toHaveLength(2);
  });
});
