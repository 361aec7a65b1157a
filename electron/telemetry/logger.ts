import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';

type LogFn = (objOrMsg: object | string, msg?: string) => void;

/** The logging port services depend on; pino implements it. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** When set, JSON lines go to `<dataDir>/logs/dockwright.log`. */
  dataDir?: string;
  level?: pino.Level | 'silent';
  /** Lines at or above this level also go to stderr (for people at a terminal). */
  stderrLevel?: pino.Level | 'silent';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.dataDir) {
    const dir = path.join(options.dataDir, 'logs');
    mkdirSync(dir, { recursive: true });
    streams.push({
      level: level === 'silent' ? 'fatal' : level,
      stream: pino.destination({ dest: path.join(dir, 'dockwright.log'), sync: false, mkdir: true }),
    });
  }
  const stderrLevel = options.stderrLevel ?? 'warn';
  if (stderrLevel !== 'silent') streams.push({ level: stderrLevel, stream: pino.destination(2) });
  if (streams.length === 0 || level === 'silent') return pino({ level: 'silent' });
  return pino({ level, base: { app: 'dockwright' } }, pino.multistream(streams));
}

export const silentLogger: Logger = pino({ level: 'silent' });
