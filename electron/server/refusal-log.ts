import type { Logger } from '../common/logger';

/** What is said about one refused request or connection. Never the token, a cookie or a query. */
export interface Refusal {
  /** The HTTP status answered, or the WebSocket close code. */
  readonly status: number;
  readonly reason: string;
  readonly method?: string;
  /** The path only, never the query (it may hold the token). */
  readonly path?: string;
  readonly remote?: string;
}

export interface RefusalLog {
  refuse(refusal: Refusal): void;
}

export interface RefusalLogOptions {
  readonly burst: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

const MAX_LOGGED_PATH = 200;

/**
 * Logs each refusal at `warn`, up to `burst` lines per window; past that it counts them and says
 * how many it left out when the next window opens. Any web page can make the browser send
 * requests to 127.0.0.1, so unbounded logging would let one fill the disk.
 */
export function createRefusalLog(logger: Logger, options: RefusalLogOptions): RefusalLog {
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let logged = 0;
  let suppressed = 0;
  return {
    refuse(refusal) {
      const at = now();
      if (at - windowStart >= options.windowMs) {
        if (suppressed > 0) logger.warn({ suppressed }, 'refusals not logged in the last window');
        windowStart = at;
        logged = 0;
        suppressed = 0;
      }
      if (logged >= options.burst) {
        suppressed++;
        return;
      }
      logged++;
      const path = refusal.path?.slice(0, MAX_LOGGED_PATH);
      logger.warn({ ...refusal, ...(path === undefined ? {} : { path }) }, 'request refused');
    },
  };
}
