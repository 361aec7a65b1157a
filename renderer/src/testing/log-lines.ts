// Builders of container log lines for tests.
import type { RunLogLine } from '../../../shared/ipc/contract';

/** A line of run r1, all at the same instant. */
export const logLine = (
  nodeId: string,
  text: string,
  stream: RunLogLine['stream'] = 'stdout',
): RunLogLine => ({
  runId: 'r1',
  nodeId,
  stream,
  text,
  at: '2026-11-28T10:00:00.000Z',
});
