import type { EngineState } from '../../shared/ipc/contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import { watchContainerEvents, type ContainerEvent } from '../docker/container-events';
import { execInContainer, healthTestCommand, type ExecOutcome } from '../docker/container-exec';
import type { ContainerInspect, DockerClient } from '../docker/docker-client';
import type { DockerResources } from '../docker/docker-resources';
import { remotePortsHost } from '../docker/docker-host';
import { statusOf, toEngineError } from '../docker/engine-errors';
import { LABELS } from '../docker/labels';
import type { ContainerEventInfo, ContainerSnapshot, HealthDocker } from './health-docker';

function snapshot(info: ContainerInspect): ContainerSnapshot {
  const state = info.State;
  const health = state.Health?.Status;
  const published: Record<string, number> = {};
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const port = Number(bindings?.[0]?.HostPort);
    if (port > 0) published[key] = port;
  }
  const healthTest = healthTestCommand(info.Config.Healthcheck?.Test) ?? [];
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    nodeId: info.Config.Labels?.[LABELS.node] ?? '',
    running: state.Running,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    startedAtMs: Date.parse(state.StartedAt) || 0,
    ...(health === 'starting' || health === 'healthy' || health === 'unhealthy'
      ? { engineHealth: health }
      : {}),
    restartPolicy: info.HostConfig.RestartPolicy?.Name || 'no',
    addresses: Object.values(info.NetworkSettings.Networks ?? {})
      .map((network) => network.IPAddress ?? '')
      .filter((ip) => ip !== ''),
    published,
    stopTimeoutSeconds: typeof info.Config.StopTimeout === 'number' ? info.Config.StopTimeout : 10,
    ...(healthTest.length > 0 ? { healthTest } : {}),
  };
}

function toEventInfo(event: ContainerEvent): ContainerEventInfo {
  return {
    action: event.action,
    id: event.id,
    name: event.attributes['name'] ?? '',
    nodeId: event.attributes[LABELS.node] ?? '',
    kind: event.attributes[LABELS.kind] ?? '',
    timeMs: event.timeMs,
    attributes: event.attributes,
  };
}

/** The monitor's port implemented over the app's Docker engine (the DockerClient port). */
export class EngineHealthDocker implements HealthDocker {
  constructor(private readonly resources: DockerResources) {}

  private get docker(): DockerClient {
    return this.resources.engine.client;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.resources.engine.host.display);
  }

  get engineState(): EngineState {
    return this.resources.engine.status.state;
  }

  get remoteHost(): string | undefined {
    return remotePortsHost(this.resources.engine.host);
  }

  onEngineState(listener: (state: EngineState) => void): Unsubscribe {
    return this.resources.engine.onStatus((status) => listener(status.state));
  }

  async listServices(project: string): Promise<ContainerSnapshot[]> {
    try {
      const list = await this.docker.listContainers({
        all: true,
        filters: { label: [`${LABELS.project}=${project}`, `${LABELS.kind}=service`] },
      });
      const found = await Promise.all(list.map((c) => this.inspect(c.Id)));
      return found.filter((c) => c !== undefined);
    } catch (error) {
      this.fail(error);
    }
  }

  async inspect(idOrName: string): Promise<ContainerSnapshot | undefined> {
    try {
      return snapshot(await this.docker.inspectContainer(idOrName));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      this.fail(error);
    }
  }

  async events(
    project: string,
    onEvent: (event: ContainerEventInfo) => void,
    onEnd: (error?: Error) => void,
  ): Promise<() => void> {
    try {
      return await watchContainerEvents(
        this.docker,
        { label: [`${LABELS.project}=${project}`] },
        (event) => onEvent(toEventInfo(event)),
        onEnd,
      );
    } catch (error) {
      this.fail(error);
    }
  }

  async exec(
    id: string,
    command: readonly string[],
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<ExecOutcome> {
    try {
      return await execInContainer(this.docker, id, command, timeoutMs, signal);
    } catch (error) {
      this.fail(error);
    }
  }

  async restart(id: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.docker.restartContainer(id, timeoutSeconds);
    } catch (error) {
      this.fail(error);
    }
  }

  async start(id: string): Promise<void> {
    await this.resources.containers.start(id);
  }

  recreate(id: string): Promise<string> {
    return this.resources.containers.recreate(id);
  }

  async kill(id: string, signal: string): Promise<void> {
    try {
      await this.docker.killContainer(id, signal);
    } catch (error) {
      // 409: it is not running (any more).
      if (statusOf(error) === 409) return;
      this.fail(error);
    }
  }

  async listNode(
    project: string,
    nodeId: string,
  ): Promise<Array<{ id: string; name: string; running: boolean }>> {
    try {
      const list = await this.docker.listContainers({
        all: true,
        filters: { label: [`${LABELS.project}=${project}`, `${LABELS.node}=${nodeId}`] },
      });
      return list.map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        running: c.State === 'running',
      }));
    } catch (error) {
      this.fail(error);
    }
  }
}
