import type { Handler } from '../../shared/ipc/dispatcher';
import { UI_STATS_HOLD_MS } from './stats-demand';
import type { Telemetry } from './telemetry';

/** The `telemetry.*` channels of the contract, served by the app's telemetry. */
export function telemetryHandlers(telemetry: Telemetry): {
  'telemetry.status': Handler<'telemetry.status'>;
  'telemetry.metrics': Handler<'telemetry.metrics'>;
  'telemetry.watchStats': Handler<'telemetry.watchStats'>;
} {
  return {
    'telemetry.status': () => telemetry.status(),
    'telemetry.metrics': ({ names, buckets }) => telemetry.snapshot(names, buckets ?? false),
    // One holder for all windows: a window that asks keeps the streams open for every one.
    'telemetry.watchStats': () => ({
      until: new Date(telemetry.metrics.statsDemand.want('ui', UI_STATS_HOLD_MS)).toISOString(),
    }),
  };
}
