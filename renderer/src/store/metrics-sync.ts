import type { Api } from '../../../shared/ipc/api';
import { CHARTED_METRICS } from '../metrics/charted-metrics';
import type { AppStore } from './app-store';

/**
 * Feeds the metrics slice: the key series pushed as `telemetry.metrics` about every second, and
 * a snapshot at start and on every reconnect, so the charts have a first point at once.
 */
export function startMetricsSync(
  api: Api,
  store: AppStore,
  names: readonly string[] = CHARTED_METRICS,
): () => void {
  let disposed = false;
  const snapshot = async () => {
    try {
      const batch = await api.telemetry.metrics({ names: [...names] });
      if (!disposed) store.getState().appendMetrics(batch);
    } catch {
      // The transport is lost or the main side has no metrics: the pushed samples fill in later.
    }
  };
  const offs = [
    api.subscribe('telemetry.metrics', (batch) => store.getState().appendMetrics(batch)),
    api.subscribe('engine.status', (status) => {
      if (status.state === 'connected') void snapshot();
    }),
  ];
  void snapshot();
  return () => {
    disposed = true;
    for (const off of offs) off();
  };
}
