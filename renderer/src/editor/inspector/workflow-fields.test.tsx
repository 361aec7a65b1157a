import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTopology } from '../../../../shared/testing/topologies';
import { renderInspector } from '../../testing/render-inspector';

afterEach(cleanup);

const doc = (spec: object = {}) =>
  makeTopology(
    {
      migrate: { kind: 'job', image: 'shop/migrate:1' },
      'page-oncall': { kind: 'job', image: 'curlimages/curl:8.8.0' },
      report: { kind: 'job', image: 'busybox:1.36' },
      web: { kind: 'service', image: 'nginx:1' },
    },
    { spec },
  );
const box = (name: string) => screen.getByRole<HTMLInputElement>('checkbox', { name });

describe('Project inspector: run handlers', () => {
  it('offers each job of the topology per event and writes spec.handlers, each click an undo step', () => {
    const { store } = renderInspector(doc());
    const failure = screen.getByRole('group', { name: 'On failure' });
    expect(
      within(failure)
        .getAllByRole('checkbox')
        .map((c) => c.closest('div')!.textContent),
    ).toEqual(['migrate (on failure)', 'page-oncall (on failure)', 'report (on failure)']);
    fireEvent.click(box('page-oncall (on failure)'));
    fireEvent.click(box('report (on exit)'));
    expect(store.getState().doc.spec.handlers).toEqual({ onFailure: ['page-oncall'], onExit: ['report'] });
    fireEvent.click(box('page-oncall (on failure)'));
    expect(store.getState().doc.spec.handlers).toStrictEqual({ onExit: ['report'] });
    act(() => store.getState().undo());
    expect(box('page-oncall (on failure)').checked).toBe(true);
    fireEvent.click(box('report (on exit)'));
    fireEvent.click(box('page-oncall (on failure)'));
    expect(store.getState().doc.spec).not.toHaveProperty('handlers');
  });

  it('shows a handler that names no job checked, with what validation says, so it can be unchecked', () => {
    const { store } = renderInspector(doc({ handlers: { onSuccess: ['web', 'gone'] } }));
    const success = screen.getByRole('group', { name: 'On success' });
    expect(box('web (on success)').checked).toBe(true);
    expect(success.textContent).toContain('Handler "web" (onSuccess) is a service; only a job can be one.');
    expect(success.textContent).toContain('Handler "gone" (onSuccess) does not exist.');
    fireEvent.click(box('gone (on success)'));
    fireEvent.click(box('web (on success)'));
    expect(store.getState().doc.spec).not.toHaveProperty('handlers');
    expect(screen.queryByRole('checkbox', { name: 'gone (on success)' })).toBeNull();
  });
});

describe('Project inspector: notifications', () => {
  it('adds a webhook, refuses a URL that cannot be one, and picks its events', () => {
    const { store } = renderInspector(doc());
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));
    fireEvent.change(screen.getByLabelText('New webhook URL'), {
      target: { value: 'ftp://hooks.example.com' },
    });
    fireEvent.submit(screen.getByLabelText('New webhook URL').closest('form')!);
    expect(screen.getByRole('alert').textContent).toContain(
      'A notification URL must be http or https, not ftp.',
    );
    expect(store.getState().doc.spec).not.toHaveProperty('notifications');

    fireEvent.change(screen.getByLabelText('New webhook URL'), {
      target: { value: 'https://hooks.example.com/dw?token=s3cret' },
    });
    fireEvent.submit(screen.getByLabelText('New webhook URL').closest('form')!);
    expect(store.getState().doc.spec.notifications).toEqual([
      { url: 'https://hooks.example.com/dw?token=s3cret' },
    ]);

    expect(box('Run ended (webhook 1)').checked).toBe(true);
    expect(box('Service unhealthy (webhook 1)').checked).toBe(true);
    fireEvent.click(box('Service unhealthy (webhook 1)'));
    expect(store.getState().doc.spec.notifications).toEqual([
      { url: 'https://hooks.example.com/dw?token=s3cret', events: ['run.ended'] },
    ]);
    // The last event cannot be taken away: a target with none hears both.
    expect(box('Run ended (webhook 1)').disabled).toBe(true);
    fireEvent.click(box('Service unhealthy (webhook 1)'));
    expect(store.getState().doc.spec.notifications).toEqual([
      { url: 'https://hooks.example.com/dw?token=s3cret' },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Remove webhook 1' }));
    expect(store.getState().doc.spec).not.toHaveProperty('notifications');
  });

  it('shows NOTIFY_URL_INVALID under the URL typed', () => {
    const { store } = renderInspector(doc({ notifications: [{ url: 'https://hooks.example.com/a' }] }));
    const url = screen.getByLabelText<HTMLInputElement>('URL (webhook 1)');
    expect(url.dataset.path).toBe('notifications.0.url');
    fireEvent.change(url, { target: { value: 'https://me:pw@hooks.example.com/a' } });
    expect(store.getState().doc.spec.notifications).toEqual([{ url: 'https://me:pw@hooks.example.com/a' }]);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!)!.textContent).toContain(
      'may not carry a user or password',
    );
  });
});
