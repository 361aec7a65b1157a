import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/ipc/contract';
import { historyTable, nodeStates, outputsText, triggerText } from './history-format';

const at = '2026-01-05T14:03:07.123Z';
const base: RunSummary = {
  runId: '20260105140307-abc123',
  project: 'shop',
  idempotencyKey: 'k',
  state: 'failed',
  startedAt: at,
  finishedAt: '2026-01-05T14:03:19.001Z',
  trigger: 'cli',
  nodes: {
    migrate: { nodeId: 'migrate', state: 'failed', at },
    db: { nodeId: 'db', state: 'healthy', at },
  },
};

describe('history format', () => {
  it('prints a table with each node final state', () => {
    expect(
      historyTable([
        base,
        {
          ...base,
          runId: 'r2',
          trigger: 'rerun',
          rerun: { of: base.runId, from: 'migrate' },
          state: 'succeeded',
        },
      ]),
    ).toBe(
      [
        'RUN                    STATUS     STARTED (UTC)        ENDED (UTC)          TRIGGER                                      NODES',
        '20260105140307-abc123  failed     2026-01-05 14:03:07  2026-01-05 14:03:19  cli                                          db:healthy migrate:failed',
        'r2                     succeeded  2026-01-05 14:03:07  2026-01-05 14:03:19  rerun of 20260105140307-abc123 from migrate  db:healthy migrate:failed',
        '',
      ].join('\n'),
    );
  });

  it('says manual for a run that named no trigger', () => {
    const { trigger: _t, ...plain } = base;
    expect(triggerText(plain)).toBe('manual');
    expect(nodeStates({})).toBe('');
  });

  it('shortens outputs', () => {
    expect(outputsText({ A: '1', B: '2' })).toBe('A=1, B=2');
    expect(outputsText({ A: 'x'.repeat(200) }, 20)).toHaveLength(20);
  });
});
