// First: it configures zod before any schema is made (see the file).
import '../zod-jitless';
import { createJobHost, type JobRequest } from './job-host';

/** The few members of a dedicated worker's global scope used here (the DOM types lack them). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<JobRequest>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
const host = createJobHost((reply) => scope.postMessage(reply));
scope.onmessage = (event) => host(event.data);
