import type { CliIo } from '../cli/io';

/** A CLI io that records what a command prints. */
export function captureIo(env: Record<string, string | undefined> = process.env, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    isTty: false,
    cwd,
    env,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
