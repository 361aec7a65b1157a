// Builders of spans for tests, in the contract's form.
import type { SpanData } from '../../../shared/ipc/contract';

/** A span of trace "trace-1" named after its id, open (no endTime) unless `extra` says otherwise. */
export const spanData = (spanId: string, extra: Partial<SpanData> = {}): SpanData => ({
  traceId: 'trace-1',
  spanId,
  name: spanId,
  kind: 'internal',
  startTime: 0,
  status: { code: 'unset' },
  attributes: {},
  events: [],
  ...extra,
});
