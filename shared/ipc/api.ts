import {
  events as eventSchemas,
  isEventName,
  requestChannels,
  requests,
  type EventName,
  type EventPayload,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from './contract';
import { ApiError } from './errors';
import type { ClientTransport, LinkState, Unsubscribe } from './transport';

export interface Capabilities {
  /** How this renderer reaches the main side. */
  readonly transport: 'electron' | 'web' | 'memory';
  /** Native open/save dialogs (Electron) rather than the browser's file picker and download. */
  readonly nativeDialogs: boolean;
}

export interface CallOptions {
  /** W3C traceparent of the span that caused this call. */
  traceparent?: string;
}

/** Input may be left out when every field of it is optional. */
type AllOptional<T> = Record<never, never> extends T ? true : false;

type Method<C extends RequestChannel> =
  AllOptional<RequestInput<C>> extends true
    ? (input?: RequestInput<C>, options?: CallOptions) => Promise<RequestOutput<C>>
    : (input: RequestInput<C>, options?: CallOptions) => Promise<RequestOutput<C>>;

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<RequestChannel>;

export type DomainMethods<D extends Domain> = {
  readonly [C in RequestChannel as C extends `${D}.${infer Verb}` ? Verb : never]: Method<C>;
};

export interface ApiCore {
  readonly capabilities: Capabilities;
  invoke<C extends RequestChannel>(
    channel: C,
    input: RequestInput<C>,
    options?: CallOptions,
  ): Promise<RequestOutput<C>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
  /** The link to the main side dropping and coming back (the web mode; never in the desktop app). */
  onLink(listener: (link: LinkState) => void): Unsubscribe;
  close(): void;
}

/** The renderer's whole view of the main side: `api.engine.info()`, `api.subscribe('engine.status', …)`. */
export type Api = ApiCore & { readonly [D in Domain]: DomainMethods<D> };

export interface CreateApiOptions {
  /** Called with event payloads that do not match the contract (version skew, bugs). */
  onInvalidEvent?: (event: string, error: unknown) => void;
}

export function createApi(
  transport: ClientTransport,
  capabilities: Capabilities,
  options: CreateApiOptions = {},
): Api {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  transport.onEvents((batch) => {
    for (const message of batch) {
      if (!isEventName(message.event)) continue;
      const set = listeners.get(message.event);
      if (!set || set.size === 0) continue;
      const parsed = eventSchemas[message.event].safeParse(message.payload);
      if (!parsed.success) {
        options.onInvalidEvent?.(message.event, parsed.error);
        continue;
      }
      for (const listener of [...set]) listener(parsed.data);
    }
  });

  async function invoke<C extends RequestChannel>(
    channel: C,
    input: RequestInput<C>,
    callOptions: CallOptions = {},
  ): Promise<RequestOutput<C>> {
    const response = await transport.request({
      id: crypto.randomUUID(),
      channel,
      payload: input ?? {},
      ...(callOptions.traceparent ? { traceparent: callOptions.traceparent } : {}),
    });
    if (!response.ok) throw ApiError.fromData(response.error);
    const output = requests[channel].output.safeParse(response.result);
    if (!output.success) throw new ApiError('INTERNAL', `unexpected ${channel} result from the main side`);
    return output.data as RequestOutput<C>;
  }

  const core: ApiCore = {
    capabilities,
    invoke,
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onLink: (listener) => transport.onLink?.(listener) ?? (() => undefined),
    close: () => transport.close(),
  };

  const domains: Record<string, Record<string, unknown>> = {};
  for (const channel of requestChannels) {
    const [domain, verb] = channel.split('.') as [string, string];
    (domains[domain] ??= {})[verb] = (input?: unknown, callOptions?: CallOptions) =>
      invoke(channel, (input ?? {}) as never, callOptions);
  }
  return Object.freeze({ ...domains, ...core }) as unknown as Api;
}
