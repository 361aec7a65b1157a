import type { Api } from '../../../shared/ipc/api';
import { CHARTED_METRICS } from '../metrics/charted-metrics';
import type { AppState, AppStore } from './app-store';

/** How often a shown Metrics panel asks for the containers' usage (each ask holds 45 s). */
export const WATCH_STATS_EVERY_MS = 15_000;

const metricsShown = (s: AppState) =>
  s.bottomPanel === 'metrics' && (typeof document === 'undefined' || document.visibilityState !== 'hidden');

/**
 * Feeds the metrics slice: the key series pushed as `telemetry.metrics` about every second, and
 * a snapshot at start and on every reconnect, so the charts have a first point at once. While the
 * Metrics panel is shown (in a visible window) it asks the main side to read the containers' CPU
 * and memory (`telemetry.watchStats`), which is not done for no one.
 */
export function startMetricsSync(
  api: Api,
  store: AppStore,
  names: readonly string[] = CHARTED_METRICS,
  watchEveryMs = WATCH_STATS_EVERY_MS,
): () => void {
  let disposed = false;
  let watching: ReturnType<typeof setInterval> | undefined;
  const ask = () => {
    api.telemetry.watchStats().catch(() => {
      // The transport is lost: the next ask (or the one after the reconnect) says it again.
    });
  };
  const watch = () => {
    const shown = !disposed && metricsShown(store.getState());
    if (shown && watching === undefined) {
      ask();
      watching = setInterval(ask, watchEveryMs);
    } else if (!shown && watching !== undefined) {
      clearInterval(watching);
      watching = undefined;
    }
  };
  const onVisibility = () => watch();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
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
    store.subscribe((state, previous) => {
      if (state.bottomPanel !== previous.bottomPanel) watch();
    }),
    // A main side that restarted forgot the ask: say it again at once.
    api.onLink((link) => {
      if (link.state === 'open' && link.reconnected && watching !== undefined) ask();
    }),
  ];
  void snapshot();
  watch();
  return () => {
    disposed = true;
    watch();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
    for (const off of offs) off();
  };
}
