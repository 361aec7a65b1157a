import type { z } from 'zod';
import {
  isRequestChannel,
  requests,
  type ParsedInput,
  type RequestChannel,
  type RequestOutput,
} from './contract';
import { RequestEnvelope, type ResponseEnvelope } from './envelope';
import { ApiError, toErrorData, type ErrorData } from './errors';
import { checkPayload } from './payload-guard';

export interface RequestContext {
  readonly requestId: string;
  readonly channel: RequestChannel;
  /** W3C trace context of the caller, so the main side can continue the caller's trace. */
  readonly traceparent?: string;
}

export type Handler<C extends RequestChannel> = (
  input: ParsedInput<C>,
  context: RequestContext,
) => Promise<RequestOutput<C>> | RequestOutput<C>;

export type Handlers = { [C in RequestChannel]: Handler<C> };

export interface Dispatcher {
  /** Never throws and never rejects: every outcome is a response envelope. */
  handle(envelope: unknown): Promise<ResponseEnvelope>;
}

export interface DispatcherOptions {
  maxPayloadChars?: number;
  /** Called for errors that are not ApiErrors (bugs), so they can be logged. */
  onInternalError?: (error: unknown, channel: string) => void;
  /** Applied to every error a handler throws before it crosses the contract (secrets masked). */
  maskError?: (error: ErrorData) => ErrorData;
}

/** How much of one issue is echoed back: a hostile payload must not make the answer large. */
const MAX_ISSUES = 20;
const MAX_PATH_CHARS = 200;
const MAX_MESSAGE_CHARS = 300;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

function describeIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: clip(issue.path.map(String).join('.') || '(root)', MAX_PATH_CHARS),
    // "Unrecognized keys" lists every key it found: 49k keys made a 780 KB answer.
    message: clip(issue.message, MAX_MESSAGE_CHARS),
  }));
}

/**
 * The single place where requests are validated and routed. Transports (Electron IPC,
 * WebSocket, HTTP, in-memory) only move envelopes in and out of it.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const fail = (id: string, error: ApiError): ResponseEnvelope => ({ id, ok: false, error: error.toData() });

  return {
    async handle(raw: unknown): Promise<ResponseEnvelope> {
      const rawId =
        raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id.slice(0, 128)
          : '';
      const size = checkPayload(raw, options.maxPayloadChars);
      if (!size.ok) {
        return fail(
          rawId,
          size.reason === 'too-large'
            ? new ApiError('PAYLOAD_TOO_LARGE', `request is larger than ${size.limit} characters`, {
                limit: size.limit,
              })
            : new ApiError('INVALID_INPUT', `request is nested deeper than ${size.limit} levels`, {
                limit: size.limit,
              }),
        );
      }
      const envelope = RequestEnvelope.safeParse(raw);
      if (!envelope.success) {
        return fail(
          rawId,
          new ApiError('INVALID_INPUT', 'malformed request envelope', {
            issues: describeIssues(envelope.error),
          }),
        );
      }
      const { id, channel, payload, traceparent } = envelope.data;
      if (!isRequestChannel(channel)) {
        return fail(id, new ApiError('UNKNOWN_CHANNEL', `unknown channel "${channel}"`, { channel }));
      }
      const spec = requests[channel];
      const input = spec.input.safeParse(payload ?? {});
      if (!input.success) {
        return fail(
          id,
          new ApiError('INVALID_INPUT', `invalid input for ${channel}`, {
            issues: describeIssues(input.error),
          }),
        );
      }
      const context: RequestContext = traceparent
        ? { requestId: id, channel, traceparent }
        : { requestId: id, channel };
      try {
        const handler: Handler<typeof channel> = handlers[channel];
        const result = await handler(input.data, context);
        const output = spec.output.safeParse(result);
        if (!output.success) {
          options.onInternalError?.(output.error, channel);
          return fail(id, new ApiError('INTERNAL', `the main side produced an invalid ${channel} result`));
        }
        return { id, ok: true, result: output.data };
      } catch (error) {
        if (!(error instanceof ApiError)) options.onInternalError?.(error, channel);
        const data = toErrorData(error);
        return { id, ok: false, error: options.maskError ? options.maskError(data) : data };
      }
    },
  };
}
