import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../../../shared/ipc/contract';
import { makeTopology } from '../../../../shared/testing/topologies';
import type { TopologyNode as Node } from '../../../../shared/topology';
import { createAppStore } from '../../store/app-store';
import { StoreProvider } from '../../store/store-context';
import { cardProps } from '../../testing/card-props';
import { renderInspector } from '../../testing/render-inspector';
import { TopologyNode } from '../topology-node';
import { scheduleEntry } from '../../testing/schedule-entries';

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText<HTMLInputElement>(label);
const doc = (schedule?: string) =>
  makeTopology(
    {
      backup: {
        kind: 'job',
        image: 'shop/backup:1',
        ...(schedule !== undefined ? { schedule } : {}),
      },
    },
    { metadata: { name: 'etl' } },
  );
const entry = (extra: Partial<ScheduleEntry> = {}): ScheduleEntry =>
  scheduleEntry({ nextRunAt: new Date(2026, 0, 6, 3, 0).toISOString(), ...extra });

describe('Inspector: a job’s schedule', () => {
  it('writes the cron as a string, with a time zone as { cron, timezone }; each field its own undo step', () => {
    const { store, node } = renderInspector(doc(), { nodes: ['backup'] });
    fireEvent.change(input('Cron schedule'), { target: { value: '0 3 * *' } });
    fireEvent.change(input('Cron schedule'), { target: { value: '0 3 * * *' } });
    expect(node('backup')).toMatchObject({ schedule: '0 3 * * *' });
    fireEvent.change(input('Time zone'), { target: { value: 'Europe' } });
    fireEvent.change(input('Time zone'), { target: { value: 'Europe/Berlin' } });
    expect(node('backup')).toMatchObject({ schedule: { cron: '0 3 * * *', timezone: 'Europe/Berlin' } });
    fireEvent.change(input('Cron schedule'), { target: { value: '30 3 * * *' } });
    expect(node('backup')).toMatchObject({ schedule: { cron: '30 3 * * *', timezone: 'Europe/Berlin' } });
    fireEvent.change(input('Time zone'), { target: { value: '' } });
    expect(node('backup')).toMatchObject({ schedule: { cron: '30 3 * * *' } });
    fireEvent.change(input('Cron schedule'), { target: { value: '' } });
    expect(node('backup')).not.toHaveProperty('schedule');

    act(() => store.getState().undo());
    expect(input('Cron schedule').value).toBe('30 3 * * *');
    act(() => store.getState().undo());
    expect(input('Time zone').value).toBe('Europe/Berlin');
    act(() => store.getState().undo());
    expect(input('Cron schedule').value).toBe('0 3 * * *');
    expect(input('Time zone').value).toBe('Europe/Berlin');
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(node('backup')).toMatchObject({ schedule: '0 3 * * *' });
    act(() => store.getState().undo());
    expect(node('backup')).not.toHaveProperty('schedule');
  });

  it("shows validation's SCHEDULE_INVALID under the cron, tied to it", () => {
    renderInspector(doc('0 3 * *'), { nodes: ['backup'] });
    const cron = input('Cron schedule');
    expect(cron.dataset.path).toBe('schedule');
    expect(cron.getAttribute('aria-invalid')).toBe('true');
    const messages = document.getElementById(cron.getAttribute('aria-describedby')!)!;
    expect(messages.textContent).toContain('has 4 fields; a schedule has 5, or 6 with seconds first');

    fireEvent.change(input('Time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.change(cron, { target: { value: '0 3 * * *' } });
    expect(document.getElementById(cron.getAttribute('aria-describedby')!)!.textContent).toContain(
      '"Mars/Olympus" is not a time zone',
    );
  });

  it('says plainly when nothing ticks, and the next run and ticks skipped when the app schedules it', () => {
    const { store } = renderInspector(doc('0 3 * * *'), { nodes: ['backup'] });
    act(() => store.getState().setSchedules([]));
    expect(screen.getByTestId('schedule-status').textContent).toMatch(
      /^Not ticking now: schedules run only while/,
    );
    act(() => store.getState().applyScheduleStatus(entry({ skipped: 2 })));
    const status = screen.getByTestId('schedule-status').textContent;
    expect(status).toContain('Next run: Tue 2026-01-06 03:00');
    expect(status).toContain('Skipped 2 ticks: the previous run of the job was still going');
  });
});

function renderCard(store = createAppStore()) {
  const node = { kind: 'job', image: 'shop/backup:1', schedule: '0 3 * * *' } as Node;
  store.getState().loadDocument(makeTopology({ backup: node }, { metadata: { name: 'etl' } }), null);
  const props = cardProps('backup', node);
  render(
    <StoreProvider store={store}>
      <ReactFlowProvider>
        <TopologyNode {...props} />
      </ReactFlowProvider>
    </StoreProvider>,
  );
  return store;
}

describe('the card of a scheduled job', () => {
  it("shows 'not ticking' when the app runs no schedule of the project, else the next run and the ticks skipped", () => {
    const store = renderCard();
    act(() => store.getState().setSchedules([]));
    expect(screen.getByTestId('schedule-backup').textContent).toBe('not ticking');
    act(() => store.getState().applyScheduleStatus(entry({ skipped: 3 })));
    const badge = screen.getByTestId('schedule-backup');
    expect(badge.textContent).toMatch(/^next (Tue )?03:00 · skipped 3$|^next 2026-01-06 03:00 · skipped 3$/);
    expect(badge.title).toBe('Next run Tue 2026-01-06 03:00 (0 3 * * *)');
  });
});
