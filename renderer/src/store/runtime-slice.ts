import type { StateCreator } from 'zustand';
import type {
  EventPayload,
  NodeRunState,
  OrphanProject,
  RunSummary,
  RunTarget,
} from '../../../shared/ipc/contract';

export type RunHeader = Omit<RunSummary, 'nodes'>;

export interface RuntimeSlice {
  /** The run shown on the canvas: the latest one started from this window (or adopted). */
  run: RunHeader | null;
  /** Node states of that run, by node id. */
  nodeStates: Record<string, NodeRunState>;
  orphans: OrphanProject[];
  /** What the last Run/Stop/Clean up failed with, in words. */
  runError: string | null;
  /** A toolbar action in flight ('run' | 'stop' | 'cleanup'), to disable the buttons. */
  busy: 'run' | 'stop' | 'cleanup' | 'adopt' | null;
  /**
   * Where the next run deploys, chosen in the run toolbar: this engine (the default) or the Swarm
   * it manages. Per window and not persisted: a new window deploys on the engine again.
   */
  runTarget: RunTarget;
  setRunTarget: (target: RunTarget) => void;
  showRun: (summary: RunSummary) => void;
  applyNodeEvent: (event: EventPayload<'run.node'>) => void;
  applyRunStatus: (event: EventPayload<'run.status'>) => void;
  clearRun: () => void;
  setOrphans: (orphans: OrphanProject[]) => void;
  setRunError: (message: string | null) => void;
  setBusy: (busy: RuntimeSlice['busy']) => void;
}

export const createRuntimeSlice: StateCreator<RuntimeSlice, [], [], RuntimeSlice> = (set, get) => ({
  run: null,
  nodeStates: {},
  orphans: [],
  runError: null,
  busy: null,
  runTarget: 'engine',
  setRunTarget: (runTarget) => set({ runTarget }),
  showRun(summary) {
    const { nodes, ...run } = summary;
    const current = get();
    // Events may have arrived before the start request answered: keep the newer states.
    const keep = current.run?.runId === run.runId ? current.nodeStates : {};
    const merged: Record<string, NodeRunState> = { ...nodes };
    for (const [id, state] of Object.entries(keep)) {
      const known = merged[id];
      if (!known || known.at <= state.at) merged[id] = state;
    }
    set({ run, nodeStates: merged });
  },
  applyNodeEvent(event) {
    const { run, nodeStates } = get();
    if (run && run.runId !== event.runId) return;
    const { runId: _runId, ...state } = event;
    set({ nodeStates: { ...nodeStates, [state.nodeId]: state } });
  },
  applyRunStatus(event) {
    const { run } = get();
    if (run && run.runId !== event.runId) return;
    set({ run: event });
  },
  clearRun: () => set({ run: null, nodeStates: {} }),
  setOrphans: (orphans) => set({ orphans }),
  setRunError: (runError) => set({ runError }),
  setBusy: (busy) => set({ busy }),
});
