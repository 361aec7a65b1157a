import { create } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './document-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createRuntimeSlice, type RuntimeSlice } from './runtime-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';

/** One store per editor window, composed of slices. */
export type AppState = EngineSlice & DocumentSlice & SelectionSlice & RuntimeSlice;

export const createAppStore = (options: { now?: () => number } = {}) =>
  create<AppState>()((...args) => ({
    ...createEngineSlice(...args),
    ...createDocumentSlice(options.now)(...args),
    ...createSelectionSlice(...args),
    ...createRuntimeSlice(...args),
  }));

export type AppStore = ReturnType<typeof createAppStore>;
