// Test support for the health monitor on the real engine (imported by *.test.ts files only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HealthRecovery, HealthStatus } from '../../shared/ipc/health-contract';
import type { Topology } from '../../shared/topology';
import type { Clock } from '../common/clock';
import { DockerEngine } from '../docker/docker-engine';
import { RunService } from '../runs/run-service';
import { silentLogger, type Logger } from '../common/logger';
import { testDocker } from './docker-project';
import { DockerResources } from '../docker/docker-resources';
import { execInContainer } from '../docker/container-exec';
import { EngineHealthDocker } from '../health/engine-health-docker';
import { HealthMonitor, type HealthMonitorOptions } from '../health/health-monitor';

/** A Logger that keeps what was logged at error level. */
export function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  const logger: Logger & { errors: string[] } = {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (objOrMsg, msg) => void errors.push(typeof objOrMsg === 'string' ? objOrMsg : (msg ?? '')),
    child: () => logger,
  };
  return logger;
}

/** A system clock that counts its pending timers. */
export function countingClock(): Clock & { readonly pending: number } {
  const pending = new Set<unknown>();
  return {
    get pending() {
      return pending.size;
    },
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        callback();
      }, ms);
      pending.add(timer);
      return timer;
    },
    clearTimeout(timer) {
      pending.delete(timer);
      clearTimeout(timer as NodeJS.Timeout);
    },
  };
}

export interface Recorder {
  readonly statuses: HealthStatus[];
  readonly recoveries: HealthRecovery[];
  statesOf(nodeId: string): string[];
  recoveriesOf(nodeId: string): string[];
}

export function monitorKit() {
  const docker = testDocker();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-health-'));
  const runs = new RunService({ resources: docker.resources, dataDir, logger: silentLogger, env: {} });
  const projects: string[] = [];
  const disposables: Array<() => void | Promise<void>> = [];

  return {
    docker,
    runs,
    /** Runs the topology to its end on the real engine; the project is cleaned up afterwards. */
    async up(topology: Topology): Promise<{ runId: string; project: string }> {
      projects.push(topology.metadata.name);
      const started = await runs.start({ topology, idempotencyKey: `k-${topology.metadata.name}` });
      const final = await runs.wait(started.runId);
      if (final.state !== 'succeeded')
        throw new Error(`the run ${final.state}: ${JSON.stringify(final.nodes)}`);
      return { runId: started.runId, project: started.project };
    },
    /** A monitor on its own engine connection (started), recording every event it pushes. */
    async monitor(
      options: Partial<HealthMonitorOptions> & { host?: string; engine?: DockerEngine } = {},
    ): Promise<{ monitor: HealthMonitor; engine: DockerEngine; events: Recorder }> {
      const engine =
        options.engine ??
        new DockerEngine({
          logger: silentLogger,
          env: {},
          ...(options.host ? { host: options.host } : {}),
          backoff: { initialDelayMs: 50, maxDelayMs: 500 },
        });
      engine.start();
      const monitor = new HealthMonitor({
        docker: new EngineHealthDocker(new DockerResources(engine)),
        logger: silentLogger,
        random: () => 0.5,
        reconnectDelayMs: 100,
        ...options,
      });
      disposables.push(
        () => monitor.dispose(),
        () => engine.dispose(),
      );
      const statuses: HealthStatus[] = [];
      const recoveries: HealthRecovery[] = [];
      monitor.onStatus((event) => statuses.push(event));
      monitor.onRecovery((event) => recoveries.push(event));
      const started = Date.now();
      while (engine.status.state !== 'connected') {
        if (Date.now() - started > 10_000) throw new Error('the engine did not connect');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return {
        monitor,
        engine,
        events: {
          statuses,
          recoveries,
          statesOf: (nodeId) => statuses.filter((e) => e.nodeId === nodeId).map((e) => e.state),
          recoveriesOf: (nodeId) => recoveries.filter((e) => e.nodeId === nodeId).map((e) => e.result),
        },
      };
    },
    /** Runs a command in a container (by name) and waits for it to end. */
    async exec(container: string, command: string[]): Promise<void> {
      await execInContainer(docker.engine.client, container, command, 30_000);
    },
    async startedAt(container: string): Promise<string> {
      return (await docker.engine.client.inspectContainer(container)).State.StartedAt;
    },
    async dispose(): Promise<void> {
      for (const dispose of disposables.splice(0).reverse()) await dispose();
      await runs.dispose();
      for (const project of projects.splice(0))
        await docker.resources.projects.cleanup(project, { stopTimeoutSeconds: 1, volumes: true });
      docker.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
