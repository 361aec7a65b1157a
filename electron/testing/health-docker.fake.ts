// An in-memory engine for the monitor's logic tests (imported by *.test.ts files only).
import type { EngineState } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Clock } from '../common/clock';
import type {
  ContainerEventInfo,
  ContainerSnapshot,
  ExecOutcome,
  HealthDocker,
} from '../health/health-docker';

interface FakeContainer {
  snapshot: ContainerSnapshot;
  /** What an exec in it exits with. */
  execExit: number;
}

export class FakeHealthDocker implements HealthDocker {
  engineState: EngineState = 'connected';
  readonly calls: string[] = [];
  /** Starts and restarts the engine refuses per node (a broken image, a port taken), counting down. */
  readonly refusals = new Map<string, number>();
  private readonly containers = new Map<string, FakeContainer>();
  private readonly engineListeners = new Set<(state: EngineState) => void>();
  private readonly streams = new Set<(event: ContainerEventInfo) => void>();
  private serial = 0;

  constructor(
    private readonly clock: Clock,
    private readonly project = 'p',
  ) {}

  add(
    nodeId: string,
    options: { engineHealth?: ContainerSnapshot['engineHealth']; restartPolicy?: string } = {},
  ) {
    const id = `${nodeId}-id${this.serial++}`;
    const snapshot: ContainerSnapshot = {
      id,
      name: `${this.project}-${nodeId}`,
      nodeId,
      running: true,
      exitCode: 0,
      oomKilled: false,
      startedAtMs: this.clock.now(),
      ...(options.engineHealth ? { engineHealth: options.engineHealth } : {}),
      restartPolicy: options.restartPolicy ?? 'no',
      addresses: [],
      published: {},
      stopTimeoutSeconds: 1,
      healthTest: ['true'],
    };
    this.containers.set(snapshot.name, { snapshot, execExit: 0 });
    return snapshot.name;
  }

  container(name: string): FakeContainer {
    const found = this.containers.get(name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
  }

  private byId(id: string): FakeContainer {
    for (const container of this.containers.values()) if (container.snapshot.id === id) return container;
    throw new ApiError('NOT_FOUND', `no container ${id}`);
  }

  private emit(container: FakeContainer, action: string, attributes: Record<string, string> = {}): void {
    const { snapshot } = container;
    const event: ContainerEventInfo = {
      action,
      id: snapshot.id,
      name: snapshot.name,
      nodeId: snapshot.nodeId,
      kind: 'service',
      timeMs: this.clock.now(),
      attributes: { name: snapshot.name, ...attributes },
    };
    for (const listener of [...this.streams]) listener(event);
  }

  /** The main process dies (a crash, or `docker kill` when `byApi`). */
  crash(name: string, exitCode = 137, byApi = true): void {
    const container = this.container(name);
    if (byApi) this.emit(container, 'kill', { signal: '9' });
    container.snapshot = { ...container.snapshot, running: false, exitCode };
    this.emit(container, 'die', { exitCode: String(exitCode) });
  }

  /** The engine's own restart policy brings it back (no call from the monitor). */
  engineRestart(name: string): void {
    this.run(this.container(name));
  }

  setHealth(name: string, health: 'healthy' | 'unhealthy'): void {
    const container = this.container(name);
    container.snapshot = { ...container.snapshot, engineHealth: health };
    this.emit(container, `health_status: ${health}`);
  }

  setEngine(state: EngineState): void {
    this.engineState = state;
    for (const listener of [...this.engineListeners]) listener(state);
  }

  onEngineState(listener: (state: EngineState) => void): () => void {
    this.engineListeners.add(listener);
    return () => this.engineListeners.delete(listener);
  }

  private away(): void {
    if (this.engineState !== 'connected') throw new ApiError('ENGINE_UNAVAILABLE', 'engine away');
  }

  listServices(): Promise<ContainerSnapshot[]> {
    this.away();
    return Promise.resolve([...this.containers.values()].map((c) => c.snapshot));
  }

  inspect(idOrName: string): Promise<ContainerSnapshot | undefined> {
    this.away();
    const found =
      this.containers.get(idOrName) ?? [...this.containers.values()].find((c) => c.snapshot.id === idOrName);
    return Promise.resolve(found?.snapshot);
  }

  events(_project: string, onEvent: (event: ContainerEventInfo) => void): Promise<() => void> {
    this.away();
    this.streams.add(onEvent);
    return Promise.resolve(() => void this.streams.delete(onEvent));
  }

  get openStreams(): number {
    return this.streams.size;
  }

  exec(id: string): Promise<ExecOutcome> {
    this.away();
    return Promise.resolve({ exitCode: this.byId(id).execExit, output: '' });
  }

  private run(container: FakeContainer): void {
    container.snapshot = {
      ...container.snapshot,
      running: true,
      exitCode: 0,
      startedAtMs: this.clock.now() + 1,
      ...(container.snapshot.engineHealth ? { engineHealth: 'starting' as const } : {}),
    };
    this.emit(container, 'start');
  }

  private refuse(id: string): void {
    const nodeId = this.byId(id).snapshot.nodeId;
    const left = this.refusals.get(nodeId) ?? 0;
    if (left <= 0) return;
    this.refusals.set(nodeId, left - 1);
    throw new ApiError('ENGINE_ERROR', `cannot start ${nodeId}`);
  }

  restart(id: string): Promise<void> {
    this.away();
    this.calls.push(`restart ${this.byId(id).snapshot.nodeId}`);
    this.refuse(id);
    this.run(this.byId(id));
    return Promise.resolve();
  }

  start(id: string): Promise<void> {
    this.away();
    this.calls.push(`start ${this.byId(id).snapshot.nodeId}`);
    this.refuse(id);
    this.run(this.byId(id));
    return Promise.resolve();
  }

  recreate(id: string): Promise<string> {
    this.away();
    const container = this.byId(id);
    this.calls.push(`recreate ${container.snapshot.nodeId}`);
    container.snapshot = { ...container.snapshot, id: `${container.snapshot.nodeId}-id${this.serial++}` };
    this.run(container);
    return Promise.resolve(container.snapshot.id);
  }

  kill(id: string): Promise<void> {
    this.crash(this.byId(id).snapshot.name);
    return Promise.resolve();
  }

  listNode(_project: string, nodeId: string): Promise<Array<{ id: string; name: string; running: boolean }>> {
    return Promise.resolve(
      [...this.containers.values()]
        .filter((c) => c.snapshot.nodeId === nodeId)
        .map((c) => ({ id: c.snapshot.id, name: c.snapshot.name, running: c.snapshot.running })),
    );
  }
}
