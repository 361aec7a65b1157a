import type { EngineCapabilities, Problem, Topology } from '../../../shared/topology';
import { diffDocument, type DocPatch } from './doc-patch';
import type { DocumentJob, JobResult } from './document-jobs';
import { createJobHost, type JobReply, type JobRequest } from './job-host';

/** Reading texts and validating big documents off the page's thread; the same API without a Worker. */
export interface DocumentWorker {
  run<J extends DocumentJob>(job: J): Promise<JobResult<J>>;
  /** The problems of `doc`, or undefined when a later call made this one moot (latest wins). */
  validate(doc: Topology, capabilities: EngineCapabilities | null): Promise<Problem[] | undefined>;
}

interface Transport {
  send(request: JobRequest): void;
}

type Settle = { resolve: (result: unknown) => void; reject: (error: Error) => void };

/** Vite bundles the worker from this literal URL; CSP `worker-src 'self'` allows it. */
function startWorker(
  onReply: (reply: JobReply) => void,
  onCrash: (error: Error) => void,
): Transport | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const worker = new Worker(new URL('./document.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<JobReply>) => onReply(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      onCrash(new Error(event.message || 'The document worker stopped.'));
    };
    return { send: (request) => worker.postMessage(request) };
  } catch {
    return undefined;
  }
}

/** Where there is no Worker (jsdom, a very old browser): the same host, one task later. */
function sameThread(onReply: (reply: JobReply) => void): Transport {
  const host = createJobHost(onReply);
  return { send: (request) => setTimeout(() => host(request), 0) };
}

export function createDocumentWorker(options: { worker?: boolean } = {}): DocumentWorker {
  const waiting = new Map<number, Settle>();
  let nextId = 1;
  let sent: { version: number; doc: Topology } | undefined;
  let version = 0;

  const onReply = (reply: JobReply) => {
    const settle = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) settle?.resolve(reply.result);
    else settle?.reject(new Error(reply.error));
  };
  const onCrash = (error: Error) => {
    // Whatever was asked is lost with the worker; from now on the work is done here.
    transport = sameThread(onReply);
    sent = undefined;
    for (const settle of waiting.values()) settle.reject(error);
    waiting.clear();
  };
  let transport: Transport =
    (options.worker === false ? undefined : startWorker(onReply, onCrash)) ?? sameThread(onReply);

  const run = <J extends DocumentJob>(job: J): Promise<JobResult<J>> =>
    new Promise<JobResult<J>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: (result) => resolve(result as JobResult<J>), reject });
      transport.send({ id, job });
    });

  const validate = async (
    doc: Topology,
    capabilities: EngineCapabilities | null,
  ): Promise<Problem[] | undefined> => {
    const mine = ++version;
    const patch: DocPatch = sent
      ? diffDocument(sent.doc, doc, sent.version, mine)
      : { kind: 'full', version: mine, doc };
    sent = { version: mine, doc };
    const outcome = await run({ kind: 'validate', patch, capabilities });
    if (outcome.kind === 'problems') return outcome.problems;
    if (outcome.kind === 'out-of-sync' && sent?.version === mine) {
      sent = undefined;
      return validate(doc, capabilities);
    }
    return undefined;
  };

  return { run, validate };
}

let shared: DocumentWorker | undefined;

/** The page's one document worker, started on first use. */
export function documentWorker(): DocumentWorker {
  shared ??= createDocumentWorker();
  return shared;
}
