import { ApiError } from '../../shared/ipc/errors';
import { explainConnectionError } from './connection-errors';

const CONNECTION_CODES: Record<string, string> = {
  ENOENT: 'no socket at that path',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  ETIMEDOUT: 'timed out',
  EACCES: 'permission denied (is your user allowed to use the Docker socket?)',
  EPERM: 'permission denied',
};

/**
 * Translates what dockerode throws into an ApiError that says what happened and what to do.
 * Connection failures become ENGINE_UNAVAILABLE; answers from the engine become ENGINE_ERROR.
 */
export function toEngineError(error: unknown, host: string): ApiError {
  if (error instanceof ApiError) return error;
  const explained = explainConnectionError(error, host);
  if (explained) return explained;
  const err = error as { code?: unknown; statusCode?: unknown; message?: unknown; json?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : String(error);
  if (code && code in CONNECTION_CODES) {
    return new ApiError(
      'ENGINE_UNAVAILABLE',
      `Docker engine not reachable at ${host}: ${CONNECTION_CODES[code]} (${code}). Is the Docker daemon running?`,
      { host, cause: code },
    );
  }
  if (/timeout/i.test(message)) {
    return new ApiError('ENGINE_UNAVAILABLE', `Docker engine at ${host} did not answer in time`, {
      host,
      cause: 'timeout',
    });
  }
  if (typeof err?.statusCode === 'number') {
    const json = err.json as { message?: unknown } | undefined;
    const engineMessage = typeof json?.message === 'string' ? json.message : message;
    return new ApiError(
      err.statusCode === 404 ? 'NOT_FOUND' : 'ENGINE_ERROR',
      `Docker engine: ${engineMessage}`,
      { host, status: err.statusCode },
    );
  }
  return new ApiError('ENGINE_UNAVAILABLE', `Docker engine at ${host}: ${message}`, { host });
}

/** The HTTP status the engine answered with, if the error is an engine answer. */
export const statusOf = (error: unknown): number | undefined =>
  (error as { statusCode?: number } | null)?.statusCode;
