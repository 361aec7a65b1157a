import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/ipc/envelope';
import { MASK, SecretValues } from '../common/secret-values';
import { EventHub } from './event-hub';

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
});
