import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/ipc/envelope';
import { silentLogger } from '../common/silent-logger';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { waitFor } from '../testing/wait-for';
import { createAppServices, type AppServices } from './services';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function start(): { services: AppServices; dataDir: string; events: EventMessage[] } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dockwright-settings-svc-'));
  const services = createAppServices({ logger: silentLogger, dataDir, env: {}, applySettings: true });
  const events: EventMessage[] = [];
  services.hub.subscribe((batch) => events.push(...batch));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => services.dispose());
  return { services, dataDir, events };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('settings, applied on the main side without a restart', () => {
  it('writes settings.json atomically and tells every window (settings.changed)', async () => {
    const { services, dataDir, events } = start();
    const view = await services.settings.set({ theme: 'dark', welcomeDismissed: true });
    expect(view.settings).toMatchObject({ version: 1, theme: 'dark', welcomeDismissed: true });
    expect(view.dataDir).toBe(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      theme: 'dark',
      welcomeDismissed: true,
    });
    services.hub.flush();
    expect(events.filter((e) => e.event === 'settings.changed')).toHaveLength(1);
  });

  it('switches the engine: to an address that does not answer, and back', async () => {
    const { services } = start();
    await waitFor(() => services.engine.status.state === 'connected', 20_000, 'the default engine');
    await services.settings.set({ engine: { kind: 'host', host: 'unix:///nonexistent/docker.sock' } });
    await waitFor(() => services.engine.status.state === 'disconnected', 20_000, 'disconnected');
    expect(services.engine.status.host).toBe('unix:///nonexistent/docker.sock');
    await services.settings.set({ engine: { kind: 'default' } });
    await waitFor(() => services.engine.status.state === 'connected', 20_000, 'connected again');
    expect((await services.engine.info()).reachable).toBe(true);
  });

  it("Test tries an engine without touching the app's, and says what happened within seconds", async () => {
    const { services } = start();
    const ok = await services.dispatcher.handle({
      id: '1',
      channel: 'engine.test',
      payload: { engine: { kind: 'default' } },
    });
    const answer = (response: unknown) => (response as { result: { ok: boolean; message: string } }).result;
    expect(answer(ok).ok).toBe(true);
    expect(answer(ok).message).toMatch(/answered/);
    const started = Date.now();
    const bad = await services.dispatcher.handle({
      id: '2',
      channel: 'engine.test',
      payload: { engine: { kind: 'host', host: 'unix:///nonexistent/docker.sock' } },
    });
    expect(answer(bad).ok).toBe(false);
    expect(answer(bad).message).toMatch(/no socket/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('opens and closes the metrics port', async () => {
    const { services } = start();
    const port = await freePort();
    const view = await services.settings.set({ metrics: { port } });
    expect(view.metricsUrl).toBe(`http://127.0.0.1:${port}/metrics`);
    expect((await fetch(view.metricsUrl!)).status).toBe(200);
    const off = await services.settings.set({ metrics: null });
    expect(off.metricsUrl).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('restarts the OTLP exporter with the endpoint and headers of the settings', async () => {
    const { services } = start();
    const receiver = await startOtlpReceiver();
    cleanups.push(() => receiver.close());
    expect(services.telemetry.status().export.enabled).toBe(false);
    await services.settings.set({ otlp: { endpoint: receiver.endpoint, headers: { 'x-token': 's3cret' } } });
    const status = services.telemetry.status().export;
    expect(status).toMatchObject({ enabled: true });
    expect(services.telemetry.otlp?.headers).toEqual({ 'x-token': 's3cret' });
    services.telemetry.tracer.startSpan('after the switch').end();
    await services.telemetry.flush();
    await waitFor(() => receiver.spans.some((s) => s.name === 'after the switch'), 10_000, 'the span');
    await services.settings.set({ otlp: { headers: {} } });
    expect(services.telemetry.status().export.enabled).toBe(false);
  });
});
