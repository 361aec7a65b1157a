import type { StateCreator } from 'zustand';
import type { DocumentSlice } from './document-slice';

export interface ProfileSlice {
  /** The Compose profiles chosen in the run toolbar, per document (see {@link documentKey}). */
  activeProfiles: Readonly<Record<string, readonly string[]>>;
  setActiveProfiles: (document: string, profiles: readonly string[]) => void;
}

/** Which document a choice belongs to: its file, else (unsaved) its project name. */
export function documentKey(state: Pick<DocumentSlice, 'filePath' | 'doc'>): string {
  return state.filePath !== null ? `file:${state.filePath}` : `untitled:${state.doc.metadata.name}`;
}

export const createProfileSlice: StateCreator<ProfileSlice, [], [], ProfileSlice> = (set, get) => ({
  activeProfiles: {},
  setActiveProfiles(document, profiles) {
    set({ activeProfiles: { ...get().activeProfiles, [document]: [...new Set(profiles)].sort() } });
  },
});
