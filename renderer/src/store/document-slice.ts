import type { StateCreator } from 'zustand';
import {
  newTopology,
  sortProblems,
  unsupportedFields,
  validate,
  type EngineCapabilities,
  type Problem,
  type Topology,
} from '../../../shared/topology';

/** How many steps Undo can go back. Old documents share structure, so a step costs little. */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalesce key within this window are one undo step (typing, dragging). */
export const COALESCE_MS = 1000;

/** Coalesce keys with this prefix name one gesture (a drag): they merge however slow it is. */
export const GESTURE_PREFIX = 'gesture:';

export interface EditOptions {
  /**
   * Merge into the previous step when it had the same key and was made just before (within
   * COALESCE_MS), or at any time for a gesture key (GESTURE_PREFIX).
   */
  coalesce?: string;
}

export interface DocumentSlice {
  /** The document: the topology model itself, never a copy in React Flow's shape. */
  doc: Topology;
  /**
   * `validate(doc)` plus the fields the connected engine cannot apply, recomputed when the spec or
   * the engine changes (a layout-only change keeps it).
   */
  problems: Problem[];
  /** What the connected engine can do; fields it cannot apply are problems on their nodes. */
  capabilities: EngineCapabilities | null;
  setCapabilities: (capabilities: EngineCapabilities | null) => void;
  past: Topology[];
  future: Topology[];
  /** The document as last opened or saved; dirty when `doc` is another object. */
  savedDoc: Topology;
  /** Where the document lives: a path (Electron, server-side) or a file name (browser). */
  filePath: string | null;
  lastEdit: { key: string; at: number } | null;
  /** Applies a change as one undoable step. `change` must not mutate its input. */
  edit: (change: (doc: Topology) => Topology, options?: EditOptions) => void;
  undo: () => void;
  redo: () => void;
  /** Replaces the document (New, Open, Import) and starts a fresh history. */
  loadDocument: (doc: Topology, filePath: string | null, options?: { dirty?: boolean }) => void;
  markSaved: (filePath: string | null) => void;
}

export const selectIsDirty = (s: DocumentSlice) => s.doc !== s.savedDoc;
export const selectCanUndo = (s: DocumentSlice) => s.past.length > 0;
export const selectCanRedo = (s: DocumentSlice) => s.future.length > 0;

function check(doc: Topology, capabilities: EngineCapabilities | null): Problem[] {
  const problems = validate(doc);
  const unsupported = capabilities ? unsupportedFields(doc, capabilities) : [];
  return unsupported.length === 0 ? problems : sortProblems([...problems, ...unsupported]);
}

function problemsFor(
  next: Topology,
  previous: Topology,
  problems: Problem[],
  capabilities: EngineCapabilities | null,
): Problem[] {
  return next.spec === previous.spec && next.metadata === previous.metadata
    ? problems
    : check(next, capabilities);
}

export const createDocumentSlice =
  (now: () => number = Date.now): StateCreator<DocumentSlice, [], [], DocumentSlice> =>
  (set, get) => {
    const initial = newTopology();
    return {
      doc: initial,
      problems: validate(initial),
      capabilities: null,
      setCapabilities(capabilities) {
        const previous = get().capabilities;
        if (
          previous?.apiVersion === capabilities?.apiVersion &&
          previous?.runtimes?.join() === capabilities?.runtimes?.join()
        )
          return;
        set({ capabilities, problems: check(get().doc, capabilities) });
      },
      past: [],
      future: [],
      savedDoc: initial,
      filePath: null,
      lastEdit: null,
      edit(change, options = {}) {
        const { doc, past, problems, lastEdit, capabilities } = get();
        const next = change(doc);
        if (next === doc) return;
        const at = now();
        const merge =
          options.coalesce !== undefined &&
          lastEdit?.key === options.coalesce &&
          (options.coalesce.startsWith(GESTURE_PREFIX) || at - lastEdit.at < COALESCE_MS) &&
          past.length > 0;
        set({
          doc: next,
          problems: problemsFor(next, doc, problems, capabilities),
          past: merge ? past : [...past, doc].slice(-HISTORY_LIMIT),
          future: [],
          lastEdit: options.coalesce !== undefined ? { key: options.coalesce, at } : null,
        });
      },
      undo() {
        const { doc, past, future, problems, capabilities } = get();
        const previous = past.at(-1);
        if (previous === undefined) return;
        set({
          doc: previous,
          problems: problemsFor(previous, doc, problems, capabilities),
          past: past.slice(0, -1),
          future: [doc, ...future],
          lastEdit: null,
        });
      },
      redo() {
        const { doc, past, future, problems, capabilities } = get();
        const next = future[0];
        if (next === undefined) return;
        set({
          doc: next,
          problems: problemsFor(next, doc, problems, capabilities),
          past: [...past, doc],
          future: future.slice(1),
          lastEdit: null,
        });
      },
      loadDocument(doc, filePath, options = {}) {
        set({
          doc,
          problems: check(doc, get().capabilities),
          past: [],
          future: [],
          savedDoc: options.dirty ? newTopology() : doc,
          filePath,
          lastEdit: null,
        });
      },
      markSaved(filePath) {
        set({ savedDoc: get().doc, filePath });
      },
    };
  };
