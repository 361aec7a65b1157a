import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetricSample } from '../../../shared/ipc/contract';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { METRIC } from '../../../shared/telemetry/metric-names';
import { MetricsPanel } from './metrics-panel';

/*
 * jsdom has no canvas: uPlot is replaced by a recorder of how the panel drives it (made once,
 * fed with setData, series swapped in place, destroyed on unmount). e2e/health.spec.ts draws it.
 */
interface FakePlot {
  series: { label?: string }[];
  data: unknown[][];
  setDataCalls: number;
  destroyed: boolean;
}
const plots = vi.hoisted(() => [] as FakePlot[]);
vi.mock('uplot', () => {
  class FakeUPlot implements FakePlot {
    static paths = { stepped: () => () => null };
    series: { label?: string }[] = [{}];
    data: unknown[][] = [];
    setDataCalls = 0;
    destroyed = false;
    cursor = { idx: null };
    constructor() {
      plots.push(this);
    }
    addSeries(opts: { label?: string }, index: number) {
      this.series.splice(index, 0, opts);
    }
    delSeries(index: number) {
      this.series.splice(index, 1);
    }
    setData(data: unknown[][]) {
      this.data = data;
      this.setDataCalls++;
    }
    setSize() {}
    redraw() {}
    destroy() {
      this.destroyed = true;
    }
  }
  return { default: FakeUPlot };
});

afterEach(() => {
  cleanup();
  plots.length = 0;
});

const cpu = (node: string, value: number): MetricSample => ({
  name: METRIC.containerCpu,
  labels: { project: 'shop', node },
  value,
});

function renderPanel(): AppStore {
  const store = createAppStore();
  store.getState().loadDocument({ ...store.getState().doc, metadata: { name: 'shop' } }, null);
  render(
    <StoreProvider store={store}>
      <MetricsPanel />
    </StoreProvider>,
  );
  return store;
}

const cpuChart = () => screen.getByRole('figure', { name: 'CPU per service' });
const cpuPlot = () => plots[0]!;

describe('MetricsPanel', () => {
  it('makes each chart once and feeds it samples with setData, the legend following the newest value', () => {
    const store = renderPanel();
    expect(plots).toHaveLength(7);
    expect(within(cpuChart()).getByText('No container measured yet: run the topology.')).toBeTruthy();

    act(() => store.getState().appendMetrics({ at: 1_000, samples: [cpu('web', 0.02), cpu('db', 0.5)] }));
    act(() => store.getState().appendMetrics({ at: 2_000, samples: [cpu('web', 0.04), cpu('db', 0.5)] }));
    expect(plots).toHaveLength(7);
    expect(cpuPlot().series.map((s) => s.label)).toEqual([undefined, 'web', 'db']);
    expect(cpuPlot().data).toEqual([
      [1, 2],
      [2, 4],
      [50, 50],
    ]);
    const legend = within(cpuChart()).getByRole('list', { name: 'CPU per service: values' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['web4.0%', 'db50%']);
    expect(cpuChart().dataset.points).toBe('2');

    act(() => store.getState().appendMetrics({ at: 3_000, samples: [cpu('web', 0.07), cpu('db', 0.5)] }));
    expect(within(legend).getAllByRole('listitem')[0]!.textContent).toBe('web7.0%');
    expect(cpuPlot().setDataCalls).toBeGreaterThanOrEqual(3);
  });

  it('shows one node when it is picked, swapping the series in the same chart', () => {
    const store = renderPanel();
    act(() => store.getState().appendMetrics({ at: 1_000, samples: [cpu('web', 0.1), cpu('db', 0.2)] }));
    fireEvent.change(screen.getByLabelText('Node'), { target: { value: 'db' } });
    expect(store.getState().metricsNode).toBe('db');
    expect(plots).toHaveLength(7);
    expect(cpuPlot().series.map((s) => s.label)).toEqual([undefined, 'db']);
    expect(
      within(cpuChart())
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['db20%']);
  });

  it('destroys its charts when it is closed', () => {
    const store = renderPanel();
    act(() => store.getState().appendMetrics({ at: 1_000, samples: [cpu('web', 0.1)] }));
    cleanup();
    expect(plots.every((plot) => plot.destroyed)).toBe(true);
  });
});
