import type { StateCreator } from 'zustand';
import type { EngineInfo, EngineStatus } from '../../../shared/ipc/contract';

export interface EngineSlice {
  engineStatus: EngineStatus | null;
  engineInfo: EngineInfo | null;
  /** Why the main side could not be asked (transport lost), if so. */
  engineError: string | null;
  setEngineStatus: (status: EngineStatus) => void;
  setEngineInfo: (info: EngineInfo) => void;
  setEngineError: (message: string | null) => void;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = (set) => ({
  engineStatus: null,
  engineInfo: null,
  engineError: null,
  setEngineStatus: (engineStatus) => set({ engineStatus }),
  setEngineInfo: (engineInfo) => set({ engineInfo, engineError: null }),
  setEngineError: (engineError) => set({ engineError }),
});
