/** Exit codes of every `dockwright` command; `busy`: another process is changing the project. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, busy: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by a command to end with a given exit code after printing its own message. */
export class CliExit extends Error {
  override readonly name = 'CliExit';
  constructor(
    readonly code: ExitCode,
    message = '',
  ) {
    super(message);
  }
}

/** The CLI's window on the world, injected so commands are testable without a terminal. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (live progress) or a pipe (plain lines). */
  readonly isTty: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}
