import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createApi, type Api } from './api';
import { REQUEST_CHANNELS, EVENT_NAMES } from './channels';
import { events, requests, type EngineInfo, type EngineStatus, type ImageSummary } from './contract';
import { createDispatcher, type Handlers, type RequestContext } from './dispatcher';
import type { EventMessage } from './envelope';
import { ApiError } from './errors';
import { createMemoryWirePair } from '../testing/memory-wire';
import type { EventSource, MessageWire } from './transport';
import { createWireTransport } from './wire-client';
import { serveWire } from './wire-server';
import { handlersFor } from '../testing/ipc-handlers';

const STATUS: EngineStatus = {
  state: 'connected',
  host: 'unix:///var/run/docker.sock',
  version: '20.10.24',
  apiVersion: '1.41',
  since: '2026-11-28T10:00:00.000Z',
};

const INFO: EngineInfo = {
  reachable: true,
  host: 'unix:///var/run/docker.sock',
  name: 'box',
  version: '20.10.24',
  apiVersion: '1.41',
  os: 'Debian',
  osType: 'linux',
  arch: 'x86_64',
  kernelVersion: '6.1',
  containers: 3,
  containersRunning: 1,
  images: 2,
};

/** A hand-driven event source, standing in for the main side's event hub. */
function manualEvents() {
  const listeners = new Set<(batch: EventMessage[]) => void>();
  const source: EventSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { source, push: (batch: EventMessage[]) => listeners.forEach((l) => l(batch)) };
}

interface Harness {
  api: Api;
  clientWire: MessageWire;
  serverWire: MessageWire;
  contexts: RequestContext[];
  push: (batch: EventMessage[]) => void;
  internalErrors: unknown[];
}

let current: Harness | undefined;

function harness(overrides: Partial<Handlers> = {}): Harness {
  const contexts: RequestContext[] = [];
  const internalErrors: unknown[] = [];
  const handlers: Handlers = handlersFor({
    'engine.info': (_input, context) => {
      contexts.push(context);
      return INFO;
    },
    'engine.images': () => [],
    'engine.status': () => STATUS,
    ...overrides,
  });
  const dispatcher = createDispatcher(handlers, { onInternalError: (error) => internalErrors.push(error) });
  const [clientWire, serverWire] = createMemoryWirePair();
  const { source, push } = manualEvents();
  serveWire(serverWire, dispatcher, source);
  const api = createApi(createWireTransport(clientWire, { timeoutMs: 2_000 }), {
    transport: 'memory',
    nativeDialogs: false,
  });
  current = { api, clientWire, serverWire, contexts, push, internalErrors };
  return current;
}

/** Sends a raw frame as a hostile or buggy client would, and waits for the answer. */
function rawRequest(wire: MessageWire, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const off = wire.onFrame((answer) => {
      off();
      resolve(answer);
    });
    wire.send(frame as never);
  });
}

afterEach(() => {
  current?.clientWire.close();
  current = undefined;
});

describe('the contract', () => {
  it('names exactly the channels and events that have schemas', () => {
    expect(Object.keys(requests).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('infers the Api from the schemas', () => {
    const { api } = harness();
    expectTypeOf<Api['engine']['info']>().returns.resolves.toEqualTypeOf<EngineInfo>();
    expectTypeOf<Api['engine']['images']>().returns.resolves.toEqualTypeOf<ImageSummary[]>();
    expectTypeOf<ReturnType<typeof api.invoke<'engine.status'>>>().resolves.toEqualTypeOf<EngineStatus>();
    // @ts-expect-error -- not a channel of the contract
    void (() => api.invoke('engine.nope', {}));
    // @ts-expect-error -- engine.info takes no fields
    void (() => api.engine.info({ verbose: true }));
  });
});

describe('dispatcher over an in-memory transport pair', () => {
  it('answers a valid request with the handler result, validated', async () => {
    const { api } = harness();
    await expect(api.engine.info()).resolves.toEqual(INFO);
    await expect(api.engine.status()).resolves.toEqual(STATUS);
  });

  it('carries the request id and traceparent into the handler context', async () => {
    const { api, contexts } = harness();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await api.engine.info({}, { traceparent });
    expect(contexts).toHaveLength(1);
    expect(contexts[0]?.traceparent).toBe(traceparent);
    expect(contexts[0]?.channel).toBe('engine.info');
    expect(contexts[0]?.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses a payload of the wrong type with INVALID_INPUT and keeps serving', async () => {
    const { api } = harness();
    await expect(api.invoke('engine.info', 'hello' as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(api.invoke('engine.info', { extra: 1 } as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(api.engine.info()).resolves.toEqual(INFO);
  });

  it('keeps the error small when a payload has thousands of unknown keys', async () => {
    const { api } = harness();
    const keys = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, i]));
    const error = (await api.invoke('engine.info', keys as never).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(error.details).length).toBeLessThan(2_000);
    await expect(api.engine.info()).resolves.toEqual(INFO);
  });

  it('refuses an unknown channel with UNKNOWN_CHANNEL and keeps serving', async () => {
    const { api } = harness();
    const error = await api.invoke('engine.destroy' as never, {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNKNOWN_CHANNEL', details: { channel: 'engine.destroy' } });
    await expect(api.engine.status()).resolves.toEqual(STATUS);
  });

  // How fast the refusal is belongs in a benchmark, not in a unit test on a shared machine.
  it('refuses a 5 MB string with PAYLOAD_TOO_LARGE and keeps serving', async () => {
    const { api } = harness();
    const huge = 'x'.repeat(5_000_000);
    await expect(api.invoke('engine.info', { blob: huge } as never)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    await expect(api.engine.info()).resolves.toEqual(INFO);
  });

  it('refuses hostile nesting and malformed envelopes with typed errors', async () => {
    const { clientWire, api } = harness();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = [deep];
    await expect(api.invoke('engine.info', deep as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const noChannel = await rawRequest(clientWire, { t: 'req', id: 'a1', payload: {} });
    expect(noChannel).toMatchObject({
      t: 'res',
      response: { id: 'a1', ok: false, error: { code: 'INVALID_INPUT' } },
    });
    const notRequest = await rawRequest(clientWire, { hello: 'world' });
    expect(notRequest).toMatchObject({ t: 'res', response: { ok: false, error: { code: 'INVALID_INPUT' } } });
    const badTrace = await rawRequest(clientWire, {
      t: 'req',
      id: 'a2',
      channel: 'engine.info',
      payload: {},
      traceparent: 'not-a-trace',
    });
    expect(badTrace).toMatchObject({ response: { id: 'a2', ok: false, error: { code: 'INVALID_INPUT' } } });
    await expect(api.engine.info()).resolves.toEqual(INFO);
  });

  it('passes a service ApiError through with its code; hides other errors as INTERNAL', async () => {
    const { api, internalErrors } = harness({
      'engine.images': () => {
        throw new ApiError('ENGINE_UNAVAILABLE', 'engine is down', { host: 'x' });
      },
      'engine.info': () => {
        throw new TypeError('secret internals at /home/me');
      },
    });
    await expect(api.engine.images()).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: 'engine is down',
      details: { host: 'x' },
    });
    const error = await api.engine.info().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(internalErrors).toHaveLength(1);
    await expect(api.engine.status()).resolves.toEqual(STATUS);
  });

  it('masks what an error says before it crosses the contract, when asked to', async () => {
    const dispatcher = createDispatcher(
      handlersFor({
        'engine.images': () => {
          throw new ApiError('ENGINE_ERROR', 'invalid env DB_PASSWORD=canary-1', { value: 'canary-1' });
        },
      }),
      { maskError: (data) => JSON.parse(JSON.stringify(data).replaceAll('canary-1', '***')) as typeof data },
    );
    const answer = await dispatcher.handle({ id: '1', channel: 'engine.images', payload: {} });
    expect(answer).toEqual({
      id: '1',
      ok: false,
      error: { code: 'ENGINE_ERROR', message: 'invalid env DB_PASSWORD=***', details: { value: '***' } },
    });
  });

  it('refuses to send a handler result that breaks the contract', async () => {
    const { api, internalErrors } = harness({ 'engine.status': () => ({ state: 'exploded' }) as never });
    await expect(api.engine.status()).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(internalErrors).toHaveLength(1);
  });

  it('delivers pushed events to subscribers and drops payloads that break the contract', async () => {
    const { api, push } = harness();
    const received: EngineStatus[] = [];
    const off = api.subscribe('engine.status', (status) => received.push(status));
    push([
      { event: 'engine.status', payload: STATUS },
      { event: 'engine.status', payload: { state: 'nonsense' } },
      { event: 'no.such.event', payload: {} },
      { event: 'engine.status', payload: { ...STATUS, state: 'disconnected', reason: 'gone' } },
    ]);
    await expect.poll(() => received.length).toBe(2);
    expect(received.map((s) => s.state)).toEqual(['connected', 'disconnected']);
    off();
    push([{ event: 'engine.status', payload: STATUS }]);
    await Promise.resolve();
    await Promise.resolve();
    expect(received).toHaveLength(2);
  });

  it('fails pending and later requests with TRANSPORT_CLOSED when the wire closes', async () => {
    let release: (() => void) | undefined;
    const { api, clientWire } = harness({
      'engine.info': () =>
        new Promise((resolve) => {
          release = () => resolve(INFO);
        }),
    });
    const pending = api.engine.info();
    await expect.poll(() => release !== undefined).toBe(true);
    clientWire.close();
    await expect(pending).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await expect(api.engine.status()).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    release?.();
  });
});
