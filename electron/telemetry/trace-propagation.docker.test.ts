import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../app/services';
import { bindIpc, type FrameLike, type IpcMainLike } from '../main/ipc-adapter';
import { createBridge } from '../preload/bridge';
import { testProjectName } from '../testing/docker-project';
import { topology } from '../testing/topologies';
import { waitFor } from '../testing/wait-for';
import { silentLogger } from '../common/logger';
import { Telemetry } from './telemetry';

const exporter = new InMemorySpanExporter();
let services: AppServices;
let dataDir: string;
const projects: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'dw-prop-'));
  services = createAppServices({
    logger: silentLogger,
    dataDir,
    env: {},
    telemetry: () => new Telemetry({ env: {}, exporters: [exporter], defaultMetrics: false }),
  });
  await waitFor(() => services.engine.status.state === 'connected');
});

afterAll(async () => {
  for (const project of projects) await services.runs.cleanup(project, { volumes: true });
  await services.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the caller trace context', () => {
  it('travels preload bridge -> IPC adapter -> runs.start, which continues it', async () => {
    const handlers = new Map<
      string,
      (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => unknown
    >();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const unbind = bindIpc(ipcMain, services.dispatcher, services.hub, () => undefined);
    const appFrame: FrameLike = { url: 'app://dockwright/index.html', parent: null };
    // Electron's ipcRenderer.invoke, as the main side's ipcMain.handle would answer it.
    const bridge = createBridge({
      invoke: (channel, ...args) =>
        Promise.resolve(handlers.get(channel)!({ senderFrame: appFrame }, ...args)),
      on: () => undefined,
    });
    try {
      const project = testProjectName('dwtest-prop');
      projects.push(project);
      const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      const parentSpanId = '1122334455667788';
      // What the renderer's Electron transport sends for api.runs.start(input, { traceparent }).
      const response = await bridge.invoke(
        'runs.start',
        { topology: topology(project, { vol: { kind: 'volume' } }), idempotencyKey: `k-${project}` },
        { id: 'r1', traceparent: `00-${traceId}-${parentSpanId}-01` },
      );
      if (!response.ok) throw new Error(response.error.message);
      const started = response.result as { runId: string };
      await services.runs.wait(started.runId);
      const root = exporter.getFinishedSpans().find((span) => span.name === `run ${project}`);
      expect(root?.spanContext().traceId).toBe(traceId);
      expect(root?.parentSpanContext?.spanId).toBe(parentSpanId);
      expect(root?.attributes['dockwright.run.id']).toBe(started.runId);
    } finally {
      unbind();
    }
  });

  it('starts a new trace when the caller sends none', async () => {
    const project = testProjectName('dwtest-prop');
    projects.push(project);
    const started = await services.runs.start({
      topology: topology(project, { vol: { kind: 'volume' } }),
      idempotencyKey: `k-${project}`,
    });
    await services.runs.wait(started.runId);
    const root = exporter.getFinishedSpans().find((span) => span.name === `run ${project}`);
    expect(root?.parentSpanContext).toBeUndefined();
    expect(root?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
