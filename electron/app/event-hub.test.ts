import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/ipc/envelope';
import { MASK, SecretValues } from '../common/secret-values';
import { EventHub, MAX_BATCH_EVENTS, MAX_BATCH_TEXT_CHARS } from './event-hub';

describe('the event hub', () => {
  it('masks known secret values in every payload before it goes out', () => {
    const secrets = new SecretValues();
    secrets.add('canary-7f3a9c');
    const hub = new EventHub(undefined, 100, secrets);
    const sent: EventMessage[][] = [];
    hub.subscribe((batch) => sent.push(batch));
    hub.emit('run.node', {
      runId: 'r1',
      nodeId: 'db',
      state: 'failed',
      at: '2026-01-01T00:00:00.000Z',
      error: { kind: 'fatal', message: 'bad value canary-7f3a9c' },
    });
    hub.flush();
    expect(JSON.stringify(sent)).not.toContain('canary-7f3a9c');
    expect(sent[0]?.[0]?.payload).toMatchObject({ error: { message: `bad value ${MASK}` } });
    hub.dispose();
  });

  it('sends a burst in batches that fit the wire, every event once and in order', () => {
    const hub = new EventHub(undefined, 100, new SecretValues());
    const sent: EventMessage[][] = [];
    hub.subscribe((batch) => sent.push(batch));
    const line = (i: number, text = String(i)) =>
      hub.emit('run.log', {
        runId: 'r1',
        nodeId: 'burst',
        stream: 'stdout',
        text,
        at: '2026-01-01T00:00:00.000Z',
      });
    for (let i = 1; i <= 5_000; i++) line(i);
    for (let i = 0; i < 3; i++) line(0, 'x'.repeat(MAX_BATCH_TEXT_CHARS / 2));
    hub.flush();
    expect(Math.max(...sent.map((batch) => batch.length))).toBeLessThanOrEqual(MAX_BATCH_EVENTS);
    for (const batch of sent) {
      const text = batch.reduce((sum, e) => sum + (e.payload as { text: string }).text.length, 0);
      expect(text).toBeLessThan(MAX_BATCH_TEXT_CHARS * 1.5);
    }
    const texts = sent.flat().map((e) => (e.payload as { text: string }).text);
    expect(texts.slice(0, 5_000)).toEqual(Array.from({ length: 5_000 }, (_, i) => String(i + 1)));
    expect(texts).toHaveLength(5_003);
    hub.dispose();
  });
});
