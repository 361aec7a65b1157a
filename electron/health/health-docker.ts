import type { EngineState } from '../../shared/ipc/contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { ExecOutcome } from '../docker/container-exec';

export type { ExecOutcome } from '../docker/container-exec';

/** What the monitor needs to know about one container, from one inspect. */
export interface ContainerSnapshot {
  readonly id: string;
  readonly name: string;
  readonly nodeId: string;
  readonly running: boolean;
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** When the current (or last) run started, in the engine's clock (epoch ms). */
  readonly startedAtMs: number;
  /** The engine's healthcheck verdict; undefined when the container has no healthcheck. */
  readonly engineHealth?: 'starting' | 'healthy' | 'unhealthy';
  readonly restartPolicy: string;
  /** Its IP addresses on the networks it joined (the first is used for HTTP and TCP checks). */
  readonly addresses: readonly string[];
  /** Published ports: `8080/tcp` -> host port. */
  readonly published: Readonly<Record<string, number>>;
  readonly stopTimeoutSeconds: number;
  /** The engine healthcheck's command, to run it at once when a fresh verdict is needed. */
  readonly healthTest?: readonly string[];
}

export interface ContainerEventInfo {
  /** `start`, `die`, `kill`, `oom`, `destroy`, `health_status: healthy`, ... */
  readonly action: string;
  readonly id: string;
  readonly name: string;
  readonly nodeId: string;
  readonly kind: string;
  /** The engine's time of the event (epoch ms). */
  readonly timeMs: number;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * The monitor's port to the engine. Calls fail with an ApiError whose code says whether the
 * engine is away (`ENGINE_UNAVAILABLE`): the monitor counts that as "cannot tell", not a failure.
 */
export interface HealthDocker {
  readonly engineState: EngineState;
  /**
   * The remote engine's host name, where its published ports are (HTTP and TCP checks go there);
   * undefined for a local engine (127.0.0.1, or the container's own address).
   */
  readonly remoteHost?: string;
  onEngineState(listener: (state: EngineState) => void): Unsubscribe;
  /** The project's service containers, running or not. */
  listServices(project: string): Promise<ContainerSnapshot[]>;
  /** Undefined when the container is gone. */
  inspect(idOrName: string): Promise<ContainerSnapshot | undefined>;
  /** Follows the project's container events; resolves once the stream is open. */
  events(
    project: string,
    onEvent: (event: ContainerEventInfo) => void,
    onEnd: (error?: Error) => void,
  ): Promise<() => void>;
  exec(id: string, command: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ExecOutcome>;
  restart(id: string, timeoutSeconds: number): Promise<void>;
  start(id: string): Promise<void>;
  /** Replaces the container with a fresh one of the same configuration; returns the new id. */
  recreate(id: string): Promise<string>;
  kill(id: string, signal: string): Promise<void>;
  /** The containers of one node of a project (for chaos). */
  listNode(project: string, nodeId: string): Promise<Array<{ id: string; name: string; running: boolean }>>;
}
