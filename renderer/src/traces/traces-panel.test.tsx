import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpanData } from '../../../shared/ipc/contract';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { elementSize, stubPropertiesForFile } from '../testing/dom-stubs';
import { spanData } from '../testing/spans';
import { TracesPanel } from './traces-panel';

stubPropertiesForFile([
  ...elementSize(900, 400),
  [Element.prototype, 'scrollTo', { value: () => undefined, writable: true }],
]);
afterEach(cleanup);

const t0 = Date.now() - 10_000;
const span = (spanId: string, start: number, end: number | undefined, extra: Partial<SpanData> = {}) =>
  spanData(spanId, {
    runId: 'run-1',
    startTime: t0 + start,
    ...(end !== undefined ? { endTime: t0 + end } : {}),
    ...extra,
  });

function renderPanel(): AppStore {
  const store = createAppStore();
  render(
    <StoreProvider store={store}>
      <TracesPanel />
    </StoreProvider>,
  );
  return store;
}

const rows = () => within(screen.getByRole('treegrid', { name: 'Waterfall' })).getAllByRole('row');

describe('TracesPanel', () => {
  it('draws the run as rows nested by parent that fill in live, errors marked', () => {
    const store = renderPanel();
    expect(screen.getByText(/No traces yet/)).toBeTruthy();
    act(() => store.getState().applySpans({ spans: [span('run shop', 0, undefined)], dropped: 0 }));
    expect(rows().map((r) => r.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/^run shop .* \(running\)$/),
    ]);

    act(() =>
      store.getState().applySpans({
        spans: [
          span('node db', 100, 1_100, { parentSpanId: 'run shop' }),
          span('docker container.create', 120, 300, {
            parentSpanId: 'node db',
            kind: 'client',
            status: { code: 'error', message: 'conflict' },
          }),
        ],
        dropped: 0,
      }),
    );
    const labels = rows().map((r) => r.getAttribute('aria-label'));
    expect(labels[1]).toBe('node db 1.00 s');
    expect(labels[2]).toBe('docker container.create 180.0 ms');
    expect(rows().map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '3']);
    expect(rows()[2]!.getAttribute('data-status')).toBe('error');
    expect(screen.getByTestId('trace-summary').textContent).toMatch(/^3 spans/);
  });

  it('folds a subtree, shows a span’s details, zooms to it and back', () => {
    const store = renderPanel();
    act(() =>
      store.getState().applySpans({
        spans: [
          span('run shop', 0, 2_000),
          span('node api', 500, 1_500, {
            parentSpanId: 'run shop',
            attributes: { 'container.name': 'shop-api' },
            events: [{ name: 'retry', time: t0 + 700, attributes: { 'dockwright.attempt': 2 } }],
          }),
          span('docker container.start', 600, 900, { parentSpanId: 'node api' }),
        ],
        dropped: 0,
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Collapse node api' }));
    expect(rows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Expand node api' }));
    expect(rows()).toHaveLength(3);

    fireEvent.click(rows()[1]!);
    const details = screen.getByRole('complementary', { name: 'Span details' });
    expect(within(details).getByText('shop-api')).toBeTruthy();
    expect(within(details).getByText('retry')).toBeTruthy();

    const bar = (row: HTMLElement) => row.querySelector<HTMLElement>('.span-bar')!;
    expect(bar(rows()[1]!).style.left).toBe('25%');
    fireEvent.doubleClick(rows()[1]!);
    expect(parseFloat(bar(rows()[1]!).style.left)).toBeLessThan(2);
    expect(parseFloat(bar(rows()[1]!).style.width)).toBeGreaterThan(95);
    fireEvent.click(screen.getByRole('button', { name: 'Reset zoom' }));
    expect(bar(rows()[1]!).style.left).toBe('25%');
  });

  it('shows how the OTLP export fares, failures included', () => {
    const store = renderPanel();
    act(() => store.getState().applySpans({ spans: [span('run shop', 0, 100)], dropped: 0 }));
    expect(screen.queryByTestId('export-status')).toBeNull();
    const exporting = {
      enabled: true as const,
      url: 'http://127.0.0.1:4318/v1/traces',
      protocol: 'http/json' as const,
      state: 'ok' as const,
      exportedSpans: 12,
      failedBatches: 0,
      warnings: [],
    };
    act(() =>
      store
        .getState()
        .setTelemetryStatus({ serviceName: 'dockwright', export: exporting, feedDroppedSpans: 0 }),
    );
    expect(screen.getByTestId('export-status').textContent).toBe('OTLP http/json: 12 spans sent');
    act(() =>
      store.getState().setTelemetryStatus({
        serviceName: 'dockwright',
        export: { ...exporting, state: 'failing', failedBatches: 3, lastError: 'ECONNREFUSED' },
        feedDroppedSpans: 0,
      }),
    );
    expect(screen.getByRole('status').textContent).toBe('OTLP http/json: failing (3 failed batches)');
    expect(screen.getByRole('status').getAttribute('title')).toBe('Last error: ECONNREFUSED');
  });
});
