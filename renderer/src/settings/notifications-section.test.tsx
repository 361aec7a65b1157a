import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type NotifyTargetStatus,
  type SettingsPatch,
  type SettingsView,
} from '../../../shared/ipc/contract';
import { ApiProvider } from '../api/api-context';
import { createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { fakeMainSide, type FakeMainSide } from '../testing/main-side.fake';
import { SettingsDialog } from './settings-dialog';

const HOOK = 'https://hooks.example.com/all?token=s3cret';
const view: SettingsView = {
  settings: { ...DEFAULT_SETTINGS, notifications: [{ url: HOOK, events: ['run.ended'] }] },
  dataDir: '/data',
  file: '/data/settings.json',
  engineHost: 'unix:///var/run/docker.sock',
  notes: [],
};
const status = (extra: Partial<NotifyTargetStatus>): NotifyTargetStatus => ({
  url: 'https://hooks.example.com/all',
  source: 'settings',
  events: ['run.ended'],
  state: 'idle',
  pending: 0,
  delivered: 0,
  failedAttempts: 0,
  dropped: 0,
  ...extra,
});

let side: FakeMainSide | undefined;
afterEach(() => {
  cleanup();
  side?.close();
  side = undefined;
});

function setup(first: NotifyTargetStatus[]) {
  const sets: SettingsPatch[] = [];
  side = fakeMainSide({
    'notify.status': () => ({ targets: first }),
    'settings.set': ({ patch }) => {
      sets.push(patch);
      return view;
    },
  });
  let closed = false;
  render(
    <ApiProvider api={side.api}>
      <StoreProvider store={createAppStore()}>
        <SettingsDialog view={view} onClose={() => (closed = true)} />
      </StoreProvider>
    </ApiProvider>,
  );
  return { sets, closed: () => closed, push: side.push };
}

describe('Settings: notifications', () => {
  it("shows each webhook's delivery state from notify.status, and follows its events", async () => {
    const { push } = setup([
      status({ state: 'delivered', delivered: 3, lastDeliveredAt: '2026-01-05T14:00:00.000Z' }),
      status({
        url: 'https://ci.example.com/hook',
        source: 'topology',
        project: 'shop',
        state: 'failed',
        dropped: 1,
        lastError: 'HTTP 404',
      }),
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Webhook 1 URL').value).toBe(HOOK);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Run ended' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Service unhealthy' }).checked).toBe(false);
    await waitFor(() =>
      expect(screen.getByTestId('webhook-1').textContent).toMatch(/Delivered 3 \(last .+\)/),
    );
    expect(screen.getByRole('list', { name: 'Webhooks of topologies' }).textContent).toBe(
      'https://ci.example.com/hook (shop): Failed: 1 message given up on; last error: HTTP 404',
    );

    act(() =>
      push('notify.status', {
        targets: [
          status({
            state: 'retrying',
            pending: 2,
            delivered: 3,
            lastError: 'HTTP 503',
            nextAttemptAt: '2026-01-05T14:05:00.000Z',
          }),
        ],
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('webhook-1').textContent).toMatch(
        /Retrying: 2 messages waiting; next attempt .+; last error: HTTP 503; 3 delivered before/,
      ),
    );
    act(() =>
      push('notify.status', {
        targets: [status({ state: 'circuit-open', pending: 1, lastError: 'timed out', breakerFailures: 3 })],
      }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('webhook-1').textContent).toContain(
        'Circuit open: its host failed 3 times in a row; 1 message waiting; last error: timed out',
      ),
    );
  });

  it('adds, edits and removes webhooks, refuses a bad URL, and saves them with the settings', async () => {
    const { sets, closed } = setup([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    fireEvent.change(screen.getByLabelText('Webhook 2 URL'), {
      target: { value: 'https://me:pw@hooks.example.com/x' },
    });
    expect(screen.getByTestId('webhook-2').textContent).toContain('Not saved yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Webhook 2: A notification URL may not carry a user or password/),
    ).toBeTruthy();
    expect(sets).toEqual([]);

    fireEvent.change(screen.getByLabelText('Webhook 2 URL'), {
      target: { value: 'https://hooks.example.com/x' },
    });
    fireEvent.click(screen.getAllByRole('checkbox', { name: 'Run ended' })[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Remove webhook 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(closed()).toBe(true));
    expect(sets[0]!.notifications).toEqual([
      { url: 'https://hooks.example.com/x', events: ['service.unhealthy'] },
    ]);
  });
});
