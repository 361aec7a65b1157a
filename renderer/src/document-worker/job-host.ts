import type { EngineCapabilities, Topology } from '../../../shared/topology';
import { checkDocument } from '../store/check-document';
import { applyPatch } from './doc-patch';
import { importPreview, loadPreview, openText, type DocumentJob } from './document-jobs';

export interface JobRequest {
  readonly id: number;
  readonly job: DocumentJob;
}

export type JobReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

interface Pending {
  readonly id: number;
  readonly capabilities: EngineCapabilities | null;
}

/**
 * The worker's side of the protocol, also run on the page's own thread where there is no Worker
 * (tests). Reading jobs run at once. Validation keeps a copy of the document, patched by each
 * request, and runs once the requests already queued are in: while it runs, more edits arrive,
 * and validating each of them would only fall further behind. Those skipped are "superseded".
 */
export function createJobHost(
  reply: (message: JobReply) => void,
  later: (run: () => void) => void = (run) => setTimeout(run, 0),
): (request: JobRequest) => void {
  let mirror: { version: number; doc: Topology } | undefined;
  let pending: Pending | undefined;

  const validatePending = () => {
    const job = pending;
    pending = undefined;
    if (job === undefined || mirror === undefined) return;
    const { version, doc } = mirror;
    run(job.id, () => ({ kind: 'problems', version, problems: checkDocument(doc, job.capabilities) }));
  };

  const run = (id: number, work: () => unknown) => {
    try {
      reply({ id, ok: true, result: work() });
    } catch (error) {
      reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return ({ id, job }) => {
    switch (job.kind) {
      case 'open':
        return run(id, () => openText(job.text, job.fileName));
      case 'import-compose':
        return run(id, () => importPreview(job.text, job.fileName));
      case 'load':
        return run(id, () => loadPreview(job.text, job.fileName));
      case 'validate': {
        const doc = applyPatch(mirror, job.patch);
        if (doc === undefined) {
          mirror = undefined;
          return reply({ id, ok: true, result: { kind: 'out-of-sync' } });
        }
        mirror = { version: job.patch.version, doc };
        if (pending !== undefined) reply({ id: pending.id, ok: true, result: { kind: 'superseded' } });
        else later(validatePending);
        pending = { id, capabilities: job.capabilities };
        return;
      }
    }
  };
}
