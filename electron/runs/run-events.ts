import type { NodeRunState, RunLogLine, RunSummary } from '../../shared/ipc/contract';
import type { Unsubscribe } from '../../shared/ipc/transport';
import type { Topology } from '../../shared/topology';

export type Listener<T> = (value: T) => void;

/** Told when a run has brought its services up; what it returns is called when they are let go. */
export type ServicesUpListener = (run: {
  runId: string;
  project: string;
  topology: Topology;
  /** The services that are running (or healthy). */
  services: string[];
  /** The folder the run's relative paths resolve against (a scheduled job's run uses it too). */
  baseDir?: string;
}) => (() => void) | void;

/** What the run service tells its listeners: node states, log lines, run status, services up. */
export class RunEvents {
  private readonly nodeListeners = new Set<Listener<NodeRunState & { runId: string }>>();
  private readonly logListeners = new Set<Listener<RunLogLine>>();
  private readonly statusListeners = new Set<Listener<Omit<RunSummary, 'nodes'>>>();
  private readonly upListeners = new Set<ServicesUpListener>();

  onNode(listener: Listener<NodeRunState & { runId: string }>): Unsubscribe {
    this.nodeListeners.add(listener);
    return () => this.nodeListeners.delete(listener);
  }

  onLog(listener: Listener<RunLogLine>): Unsubscribe {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onStatus(listener: Listener<Omit<RunSummary, 'nodes'>>): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onServicesUp(listener: ServicesUpListener): Unsubscribe {
    this.upListeners.add(listener);
    return () => this.upListeners.delete(listener);
  }

  node(event: NodeRunState & { runId: string }): void {
    for (const listener of [...this.nodeListeners]) listener(event);
  }

  log(line: RunLogLine): void {
    for (const listener of [...this.logListeners]) listener(line);
  }

  status(summary: RunSummary): void {
    const { nodes: _nodes, ...status } = summary;
    for (const listener of [...this.statusListeners]) listener({ ...status });
  }

  /** Tells the services-up listeners; returns what lets the services go again. */
  servicesUp(run: Parameters<ServicesUpListener>[0]): Array<() => void> {
    const releases: Array<() => void> = [];
    for (const listener of [...this.upListeners]) {
      const release = listener(run);
      if (release) releases.push(release);
    }
    return releases;
  }
}
