import { describe, expect, it } from 'vitest';
import { exportCompose } from '../compose/export';
import { importCompose } from '../compose/import';
import { makeTopology } from '../testing/topologies';
import { nextTick, scheduleProblem } from './cron';
import type { JobNode, Topology } from './model';
import { validate } from './validate';

const job = (extra: Partial<JobNode> = {}): JobNode => ({ kind: 'job', image: 'busybox:1', ...extra });
const codes = (topology: Topology) => validate(topology).map((p) => `${p.code} ${p.path.join('.')}`);

describe('job schedules', () => {
  it('accepts 5 and 6 fields, with or without a time zone', () => {
    expect(scheduleProblem('*/5 * * * *')).toBeUndefined();
    expect(scheduleProblem('* * * * * *')).toBeUndefined();
    expect(scheduleProblem({ cron: '0 3 * * 1-5', timezone: 'Europe/Berlin' })).toBeUndefined();
    expect(codes(makeTopology({ nightly: job({ schedule: '0 3 * * *' }) }))).toEqual([]);
  });

  it('reports a wrong field count, a bad field and an unknown time zone on the schedule', () => {
    expect(scheduleProblem('* * * *')).toMatch(/4 fields/);
    expect(scheduleProblem('0 0 0 * * * 2030')).toMatch(/7 fields/);
    expect(scheduleProblem('99 * * * *')).toMatch(/not a cron schedule/);
    expect(scheduleProblem({ cron: '* * * * *', timezone: 'Mars/Base' })).toMatch(/not a time zone/);
    expect(codes(makeTopology({ nightly: job({ schedule: 'soon' }) }))).toEqual([
      'SCHEDULE_INVALID spec.nodes.nightly.schedule',
    ]);
  });

  it('computes the next tick strictly after a time, seconds included', () => {
    const at = Date.UTC(2026, 0, 1, 10, 0, 0);
    expect(nextTick('* * * * * *', at)).toBe(at + 1000);
    expect(nextTick({ cron: '0 12 * * *', timezone: 'UTC' }, at)).toBe(Date.UTC(2026, 0, 1, 12, 0, 0));
    expect(nextTick({ cron: '0 12 * * *', timezone: 'Asia/Tokyo' }, at)).toBe(Date.UTC(2026, 0, 2, 3, 0, 0));
  });
});

describe('notification targets', () => {
  const withTargets = (...urls: string[]) =>
    makeTopology({ a: job() }, { spec: { notifications: urls.map((url) => ({ url })) } });

  it('accepts http and https URLs', () => {
    expect(codes(withTargets('http://127.0.0.1:9000/hook', 'https://hooks.example.com/x?token=1'))).toEqual(
      [],
    );
  });

  it('refuses other schemes, non-URLs and URLs with credentials', () => {
    expect(codes(withTargets('ftp://x/y', 'not a url', 'https://me:secret@hooks.example.com/'))).toEqual([
      'NOTIFY_URL_INVALID spec.notifications.0.url',
      'NOTIFY_URL_INVALID spec.notifications.1.url',
      'NOTIFY_URL_INVALID spec.notifications.2.url',
    ]);
  });
});

describe('workflow fields in Compose', () => {
  it('keeps a schedule and the notifications in x-dockwright, and imports them back', () => {
    const topology = makeTopology(
      { backup: job({ schedule: { cron: '0 3 * * *', timezone: 'UTC' } }) },
      { spec: { notifications: [{ url: 'https://hooks.example.com/a', events: ['run.ended'] }] } },
    );
    const exported = exportCompose(topology);
    expect(exported.fidelity.map((f) => f.keptIn)).toEqual(
      expect.arrayContaining(['services.backup.x-dockwright.schedule', 'x-dockwright.notifications']),
    );
    const back = importCompose(exported.yaml);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.topology.spec.nodes['backup']).toMatchObject({
      kind: 'job',
      schedule: { cron: '0 3 * * *' },
    });
    expect(back.topology.spec.notifications).toEqual([
      { url: 'https://hooks.example.com/a', events: ['run.ended'] },
    ]);
  });
});
