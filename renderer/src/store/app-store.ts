import { create } from 'zustand';
import { relationEdges } from '../../../shared/topology/relations';
import { createDocumentSlice, type DocumentSlice, type ProblemsValidator } from './document-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createHealthSlice, type HealthSlice } from './health-slice';
import { createMetricsSlice, type MetricsSlice } from './metrics-slice';
import { createProfileSlice, type ProfileSlice } from './profile-slice';
import { createRuntimeSlice, type RuntimeSlice } from './runtime-slice';
import { createScheduleSlice, type ScheduleSlice } from './schedule-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createTelemetrySlice, type TelemetrySlice } from './telemetry-slice';

/** One store per editor window, composed of slices. */
export type AppState = EngineSlice &
  DocumentSlice &
  SelectionSlice &
  RuntimeSlice &
  TelemetrySlice &
  HealthSlice &
  MetricsSlice &
  ProfileSlice &
  ScheduleSlice;

export const createAppStore = (options: { now?: () => number; validator?: ProblemsValidator } = {}) => {
  const store = create<AppState>()((...args) => ({
    ...createEngineSlice(...args),
    ...createDocumentSlice(options.now, options.validator)(...args),
    ...createSelectionSlice(...args),
    ...createRuntimeSlice(...args),
    ...createTelemetrySlice()(...args),
    ...createHealthSlice(...args),
    ...createMetricsSlice()(...args),
    ...createProfileSlice(...args),
    ...createScheduleSlice(...args),
  }));
  // Undo, redo and open can take away selected nodes: keep the selection to what exists.
  store.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    const nodes = state.doc.spec.nodes;
    const kept = state.selectedNodes.filter((id) => Object.hasOwn(nodes, id));
    const edgeIds =
      state.selectedEdges.length > 0 ? new Set(relationEdges(state.doc).map((e) => e.id)) : null;
    const keptEdges = edgeIds ? state.selectedEdges.filter((id) => edgeIds.has(id)) : state.selectedEdges;
    if (kept.length !== state.selectedNodes.length || keptEdges.length !== state.selectedEdges.length) {
      state.select(kept, keptEdges);
    }
  });
  return store;
};

export type AppStore = ReturnType<typeof createAppStore>;
