import type { Handler } from '../../shared/ipc/dispatcher';
import type { Telemetry } from './telemetry';

/** The `telemetry.*` channels of the contract, served by the app's telemetry. */
export function telemetryHandlers(telemetry: Telemetry): {
  'telemetry.status': Handler<'telemetry.status'>;
  'telemetry.metrics': Handler<'telemetry.metrics'>;
} {
  return {
    'telemetry.status': () => telemetry.status(),
    'telemetry.metrics': ({ names, buckets }) => telemetry.snapshot(names, buckets ?? false),
  };
}
