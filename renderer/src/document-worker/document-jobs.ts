import { importCompose, loadDocument } from '../../../shared/compose';
import {
  autoLayout,
  moveNodes,
  unplacedNodes,
  type EngineCapabilities,
  type Problem,
  type Topology,
} from '../../../shared/topology';
import { readFileText, type OpenOutcome } from '../files/file-actions';
import type { DocPatch } from './doc-patch';

/*
 * What the document worker does: everything that reads a text (Open, Import Compose, Insert
 * topology) and the store's validation of big documents. Jobs and results are plain data, so
 * they cross to the worker and back by structured clone.
 */

export type DocumentJob =
  | { readonly kind: 'open'; readonly text: string; readonly fileName: string }
  | { readonly kind: 'import-compose'; readonly text: string; readonly fileName?: string }
  | { readonly kind: 'load'; readonly text: string; readonly fileName: string }
  | { readonly kind: 'validate'; readonly patch: DocPatch; readonly capabilities: EngineCapabilities | null };

/** A Compose import, laid out (the worker does that too: it is as slow as the parse). */
export type ImportPreview =
  | { readonly ok: true; readonly topology: Topology; readonly problems: Problem[] }
  | { readonly ok: false; readonly problems: Problem[] };

/** A topology or Compose file read for Insert topology. */
export type LoadPreview =
  | {
      readonly ok: true;
      readonly format: 'topology' | 'compose';
      readonly topology: Topology;
      readonly problems: Problem[];
    }
  | { readonly ok: false; readonly problems: Problem[] };

export type ValidateOutcome =
  | { readonly kind: 'problems'; readonly version: number; readonly problems: Problem[] }
  /** A later validation was asked for before this one ran: only the latest result counts. */
  | { readonly kind: 'superseded' }
  /** The worker's copy is not the one the patch was made from: send the whole document. */
  | { readonly kind: 'out-of-sync' };

export interface JobResults {
  open: OpenOutcome;
  'import-compose': ImportPreview;
  load: LoadPreview;
  validate: ValidateOutcome;
}

export type JobResult<J extends DocumentJob> = JobResults[J['kind']];

export function openText(text: string, fileName: string): OpenOutcome {
  return readFileText(text, fileName);
}

export function importPreview(text: string, fileName: string | undefined): ImportPreview {
  const result = importCompose(text, fileName ? { fileName } : {});
  if (!result.ok) return { ok: false, problems: result.problems };
  const topology = result.topology;
  const laidOut = unplacedNodes(topology).length === 0 ? topology : moveNodes(topology, autoLayout(topology));
  return { ok: true, topology: laidOut, problems: result.problems };
}

export function loadPreview(text: string, fileName: string): LoadPreview {
  const loaded = loadDocument(text, fileName);
  return loaded.ok
    ? { ok: true, format: loaded.format, topology: loaded.topology, problems: loaded.problems }
    : { ok: false, problems: loaded.problems };
}
