import type { DockerClient } from './docker-client';
import { demultiplex } from './container-logs';

export type ExecOutcome =
  { readonly exitCode: number; readonly output: string } | { readonly timedOut: true };

/** How much of a command's output is kept (the rest is read and dropped). */
const MAX_OUTPUT_BYTES = 4096;
/** How much of it is returned, trimmed. */
const MAX_OUTPUT_CHARS = 500;

/**
 * Runs a command in a running container and waits for it to end, at most `timeoutMs` (or until
 * `signal` aborts): its exit code and the start of its output, or `timedOut`. Engine errors (the
 * container is not running, the engine is away) reject as the client does.
 */
export async function execInContainer(
  client: DockerClient,
  id: string,
  command: readonly string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ExecOutcome> {
  const session = await client.exec(id, { Cmd: [...command] });
  const stream = session.output;
  const chunks: Buffer[] = [];
  let size = 0;
  const finished = await new Promise<boolean>((resolve) => {
    const stop = (done: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!done) stream.destroy();
      resolve(done);
    };
    const onAbort = () => stop(false);
    const timer = setTimeout(() => stop(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    stream.on('data', (chunk: Buffer) => {
      if (size < MAX_OUTPUT_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    stream
      .on('end', () => stop(true))
      .on('close', () => stop(true))
      .on('error', () => stop(true));
  });
  if (!finished) return { timedOut: true };
  const exitCode = (await session.inspect()).ExitCode ?? -1;
  const output = demultiplex(Buffer.concat(chunks))
    .map((frame) => frame.text)
    .join('')
    .trim()
    .slice(0, MAX_OUTPUT_CHARS);
  return { exitCode, output };
}

/** The engine healthcheck's test as a command to exec: `CMD-SHELL x` runs `sh -c x`. */
export function healthTestCommand(test: readonly string[] | undefined): string[] | undefined {
  if (!test || test.length < 2) return undefined;
  if (test[0] === 'CMD-SHELL') return ['sh', '-c', test.slice(1).join(' ')];
  if (test[0] === 'CMD') return test.slice(1);
  return undefined;
}
