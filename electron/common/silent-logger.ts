import type { Logger } from './logger';

const nothing = () => {};

/**
 * A logger that writes nothing, without loading pino: the CLI's commands use it, and a command
 * that never logs (`--version`, `validate`) should not pay for a logging library at start-up.
 */
export const silentLogger: Logger = {
  debug: nothing,
  info: nothing,
  warn: nothing,
  error: nothing,
  child: () => silentLogger,
};
