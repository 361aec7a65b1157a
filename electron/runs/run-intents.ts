import type { ParsedInput, RunSummary } from '../../shared/ipc/contract';
import { ApiError, isApiError } from '../../shared/ipc/errors';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { IdempotencyStore } from './idempotency-store';
import { startRequestHash } from './request-hash';

interface InFlight {
  requestHash: string;
  summary: Promise<RunSummary>;
}

export interface RunIntentsOptions {
  store: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  /** A run by id, from this session or the history (NOT_FOUND when there is none). */
  lookup: (runId: string) => Promise<RunSummary>;
}

function conflict(key: string, runId?: string): ApiError {
  return new ApiError(
    'IDEMPOTENCY_CONFLICT',
    `idempotency key ${key} was already used for a different request${runId ? ` (run ${runId})` : ''}`,
    { idempotencyKey: key, ...(runId ? { runId } : {}) },
  );
}

/**
 * One intent, one run: a start request whose idempotency key is known gets the run that key
 * started (a run in progress as it is now), and a known key with a different request is refused
 * (IDEMPOTENCY_CONFLICT). Duplicates that arrive while the first is still starting wait for it,
 * so the key is taken from the moment the first request arrives.
 */
export class RunIntents {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly options: RunIntentsOptions) {}

  async start(request: ParsedInput<'runs.start'>, begin: () => Promise<RunSummary>): Promise<RunSummary> {
    const key = request.idempotencyKey;
    const requestHash = startRequestHash(request);
    const pending = this.inFlight.get(key);
    if (pending) {
      if (pending.requestHash !== requestHash) throw conflict(key);
      return structuredClone(await pending.summary);
    }
    const summary = this.resolve(key, requestHash, begin);
    const entry: InFlight = { requestHash, summary };
    this.inFlight.set(key, entry);
    try {
      return await summary;
    } finally {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    }
  }

  private async resolve(
    key: string,
    requestHash: string,
    begin: () => Promise<RunSummary>,
  ): Promise<RunSummary> {
    const known = await this.options.store.get(key);
    if (known) {
      if (known.requestHash !== requestHash) throw conflict(key, known.runId);
      try {
        return await this.options.lookup(known.runId);
      } catch (error) {
        // The run's history is gone (deleted by hand): the key starts a run afresh.
        if (!isApiError(error) || error.code !== 'NOT_FOUND') throw error;
        this.options.logger.warn(
          { idempotencyKey: key, runId: known.runId },
          'the run of a known key is gone',
        );
      }
    }
    const summary = await begin();
    await this.options.store.put(key, {
      runId: summary.runId,
      requestHash,
      at: new Date(this.options.clock.now()).toISOString(),
    });
    return summary;
  }
}
