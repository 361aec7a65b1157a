import { create } from 'zustand';
import { createEngineSlice, type EngineSlice } from './engine-slice';

/** One store for the app window, composed of slices (the editor's document slice joins later). */
export type AppState = EngineSlice;

export const createAppStore = () =>
  create<AppState>()((...args) => ({
    ...createEngineSlice(...args),
  }));

export type AppStore = ReturnType<typeof createAppStore>;
