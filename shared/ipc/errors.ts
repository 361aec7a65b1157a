import { z } from 'zod';

/**
 * Stable error codes that cross the process boundary. Clients branch on `code`, never on
 * `message` (which is for people and may change).
 */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'PAYLOAD_TOO_LARGE',
  'ENGINE_UNAVAILABLE',
  'ENGINE_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** An idempotency key reused with a different request. */
  'IDEMPOTENCY_CONFLICT',
  /** Another process (the app, the web mode, the CLI) is changing the project; details say who. */
  'PROJECT_BUSY',
  /** The topology asks for dangerous settings the caller has not consented to; details list them. */
  'CONSENT_REQUIRED',
  'TIMEOUT',
  'CANCELLED',
  'TRANSPORT_CLOSED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

/** An error that knows its kind. Thrown by services, carried as data across the boundary. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: ErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Turns anything thrown into error data; unknown errors become INTERNAL without leaking stacks. */
export function toErrorData(error: unknown): ErrorData {
  if (isApiError(error)) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: message || 'internal error' };
}
