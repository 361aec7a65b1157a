import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { elementSize, stubPropertiesForFile } from '../testing/dom-stubs';
import { logLine } from '../testing/log-lines';
import { LogsPanel } from './logs-panel';

// jsdom lays nothing out: give the scroller a size so the panel draws rows.
stubPropertiesForFile(elementSize(900, 360));
afterEach(cleanup);

function renderPanel(): AppStore {
  const store = createAppStore();
  render(
    <StoreProvider store={store}>
      <LogsPanel />
    </StoreProvider>,
  );
  return store;
}

const log = () => screen.getByRole('log', { name: 'Logs' });
const count = () => screen.getByTestId('log-count');
const shownTexts = () => [...log().querySelectorAll('.log-line__text')].map((el) => el.textContent);

describe('LogsPanel', () => {
  it('shows lines with their node, tints stderr, renders colours, and counts them', () => {
    const store = renderPanel();
    expect(log()).toHaveProperty('textContent', expect.stringContaining('No logs yet'));
    act(() =>
      store
        .getState()
        .appendLogs([
          logLine('api', 'listening on :8080'),
          logLine('db', '\x1b[1;31mFATAL\x1b[0m: no space', 'stderr'),
          logLine('api', 'GET /health 200'),
        ]),
    );
    expect(count().textContent).toBe('3 lines');
    expect(shownTexts()).toEqual(['listening on :8080', 'FATAL: no space', 'GET /health 200']);
    const fatal = within(log()).getByText('FATAL');
    expect(fatal.style.color).not.toBe('');
    expect(fatal.style.fontWeight).toBe('700');
    expect(fatal.closest('.log-line')!.getAttribute('data-stream')).toBe('stderr');
    expect([...log().querySelectorAll('.log-line__node')].map((el) => el.textContent)).toEqual([
      'api',
      'db',
      'api',
    ]);
  });

  it('filters by search (highlighting matches), by node and by stream', async () => {
    const store = renderPanel();
    act(() =>
      store
        .getState()
        .appendLogs([
          logLine('api', 'GET /health 200'),
          logLine('api', 'GET /orders 500', 'stderr'),
          logLine('worker', 'picked order 17'),
          logLine('worker', 'container started', 'system'),
        ]),
    );
    expect(count().textContent).toBe('4 lines');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search logs' }), { target: { value: 'ORDER' } });
    await waitFor(() => expect(count().textContent).toBe('2 lines'));
    expect(shownTexts()).toEqual(['GET /orders 500', 'picked order 17']);
    expect([...log().querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['order', 'order']);

    fireEvent.change(screen.getByLabelText('Node'), { target: { value: 'worker' } });
    await waitFor(() => expect(shownTexts()).toEqual(['picked order 17']));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search logs' }), { target: { value: '' } });
    await waitFor(() => expect(shownTexts()).toEqual(['picked order 17', 'container started']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'system' }));
    await waitFor(() => expect(shownTexts()).toEqual(['picked order 17']));

    fireEvent.change(screen.getByLabelText('Node'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'stdout' }));
    await waitFor(() => expect(shownTexts()).toEqual(['GET /orders 500']));
    expect(count().textContent).toBe('1 line');
  });

  it('copies the lines shown, and clears', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const store = renderPanel();
    const secure = Object.getOwnPropertyDescriptor(window, 'isSecureContext');
    Object.defineProperty(window, 'isSecureContext', { configurable: true, value: true });
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    try {
      act(() => store.getState().appendLogs([logLine('a', 'one'), logLine('b', '\x1b[32mtwo\x1b[0m')]));
      fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
      await screen.findByText('Copied 2 lines');
      expect(writeText).toHaveBeenCalledWith('a | one\nb | two');
    } finally {
      Reflect.deleteProperty(navigator, 'clipboard');
      if (secure) Object.defineProperty(window, 'isSecureContext', secure);
      else Reflect.deleteProperty(window, 'isSecureContext');
    }
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(count().textContent).toBe('0 lines');
    expect(log().textContent).toContain('No logs yet');
  });

  it('pauses and resumes following', () => {
    renderPanel();
    const toggle = screen.getByRole('button', { name: 'Pause' });
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps only the rows on screen in the DOM through a burst of 50,000 lines', () => {
    const store = renderPanel();
    act(() => {
      for (let b = 0; b < 100; b++) {
        store
          .getState()
          .appendLogs(Array.from({ length: 500 }, (_, i) => logLine('job', String(b * 500 + i + 1))));
      }
    });
    expect(count().textContent).toBe('50,000 lines');
    expect(screen.queryByTestId('log-dropped')).toBeNull();
    const rendered = log().querySelectorAll('.log-line').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
  });
});
