import type { StateCreator } from 'zustand';
import {
  newTopology,
  validate,
  type EngineCapabilities,
  type Problem,
  type Topology,
} from '../../../shared/topology';
import { checkDocument } from './check-document';

/** How many steps Undo can go back. Old documents share structure, so a step costs little. */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalesce key within this window are one undo step (typing, dragging). */
export const COALESCE_MS = 1000;

/** Coalesce keys with this prefix name one gesture (a drag): they merge however slow it is. */
export const GESTURE_PREFIX = 'gesture:';

/*
 * From this many nodes (about 1 MB of YAML) validate() takes tens of milliseconds, a 5 MB document
 * hundreds: such documents are validated by the document worker, the latest result winning, and
 * the problems shown are the previous ones until it answers. Smaller ones stay synchronous.
 */
export const ASYNC_VALIDATION_NODES = 1500;

/** Validates off the page's thread; undefined when a later request made the answer moot. */
export interface ProblemsValidator {
  validate(doc: Topology, capabilities: EngineCapabilities | null): Promise<Problem[] | undefined>;
}

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
  /** A big document's problems are being worked out in the worker; `problems` are the previous. */
  problemsPending: boolean;
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

type ProblemsState = Partial<Pick<DocumentSlice, 'problems' | 'problemsPending'>>;

export const createDocumentSlice =
  (
    now: () => number = Date.now,
    validator?: ProblemsValidator,
  ): StateCreator<DocumentSlice, [], [], DocumentSlice> =>
  (set, get) => {
    const initial = newTopology();
    let latest = 0;
    /** The problems of `doc` now, or a request for them whose answer is taken only if still the latest. */
    const check = (doc: Topology, capabilities: EngineCapabilities | null): ProblemsState => {
      const ticket = ++latest;
      if (validator === undefined || Object.keys(doc.spec.nodes).length < ASYNC_VALIDATION_NODES)
        return { problems: checkDocument(doc, capabilities), problemsPending: false };
      validator.validate(doc, capabilities).then(
        (problems) => {
          if (problems !== undefined && ticket === latest) set({ problems, problemsPending: false });
        },
        () => {
          if (ticket === latest) set({ problems: checkDocument(doc, capabilities), problemsPending: false });
        },
      );
      return { problemsPending: true };
    };
    const problemsFor = (
      next: Topology,
      previous: Topology,
      capabilities: EngineCapabilities | null,
    ): ProblemsState =>
      next.spec === previous.spec && next.metadata === previous.metadata ? {} : check(next, capabilities);
    return {
      doc: initial,
      problems: validate(initial),
      problemsPending: false,
      capabilities: null,
      setCapabilities(capabilities) {
        const previous = get().capabilities;
        if (
          previous?.apiVersion === capabilities?.apiVersion &&
          previous?.runtimes?.join() === capabilities?.runtimes?.join()
        )
          return;
        set({ capabilities, ...check(get().doc, capabilities) });
      },
      past: [],
      future: [],
      savedDoc: initial,
      filePath: null,
      lastEdit: null,
      edit(change, options = {}) {
        const { doc, past, lastEdit, capabilities } = get();
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
          ...problemsFor(next, doc, capabilities),
          past: merge ? past : [...past, doc].slice(-HISTORY_LIMIT),
          future: [],
          lastEdit: options.coalesce !== undefined ? { key: options.coalesce, at } : null,
        });
      },
      undo() {
        const { doc, past, future, capabilities } = get();
        const previous = past.at(-1);
        if (previous === undefined) return;
        set({
          doc: previous,
          ...problemsFor(previous, doc, capabilities),
          past: past.slice(0, -1),
          future: [doc, ...future],
          lastEdit: null,
        });
      },
      redo() {
        const { doc, past, future, capabilities } = get();
        const next = future[0];
        if (next === undefined) return;
        set({
          doc: next,
          ...problemsFor(next, doc, capabilities),
          past: [...past, doc],
          future: future.slice(1),
          lastEdit: null,
        });
      },
      loadDocument(doc, filePath, options = {}) {
        set({
          doc,
          ...check(doc, get().capabilities),
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
