import type { StateCreator } from 'zustand';
import type { TelemetryMetrics } from '../../../shared/ipc/contract';
import { MetricsBuffer } from './metrics-buffer';

export interface MetricsSlice {
  /** The key series of the last minutes. Mutable: subscribe to `metricsVersion` and read from it. */
  metrics: MetricsBuffer;
  /** Changes whenever `metrics` does (about once a second). */
  metricsVersion: number;
  /** The node the Metrics panel shows, or null for all; kept here so it survives switching tabs. */
  metricsNode: string | null;
  appendMetrics: (batch: TelemetryMetrics) => void;
  setMetricsNode: (nodeId: string | null) => void;
}

export const createMetricsSlice =
  (
    options: { samplesKept?: number; seriesKept?: number } = {},
  ): StateCreator<MetricsSlice, [], [], MetricsSlice> =>
  (set, get) => ({
    metrics: new MetricsBuffer(options.samplesKept, options.seriesKept),
    metricsVersion: 0,
    metricsNode: null,
    appendMetrics(batch) {
      const { metrics, metricsVersion } = get();
      if (metrics.append(batch)) set({ metricsVersion: metricsVersion + 1 });
    },
    setMetricsNode: (metricsNode) => set({ metricsNode }),
  });
