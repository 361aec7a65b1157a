import path from 'node:path';
import { isSpanContextValid } from '@opentelemetry/api';
import { pino } from 'pino';
import { activeSpanContext } from './trace-context';
import { prettyStream, type TextSink } from './pretty-stream';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from './private-files';
import { MASK, processSecrets, type SecretValues } from './secret-values';

type LogFn = (objOrMsg: object | string, msg?: string) => void;

/**
 * The logging port services depend on; pino implements it. Give a child the run and node it is
 * about (`logger.child({ runId, nodeId })`): every line then carries them. Lines written inside a
 * traced operation carry its `traceId` and `spanId` by themselves.
 */
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
  /** Concise lines on stderr instead of JSON; by default when stderr is a terminal. */
  pretty?: boolean;
  /** Instead of the process's stderr (tests). */
  stderr?: TextSink & { isTTY?: boolean };
  /** Secret values masked in every line (the process's registry by default). */
  secrets?: SecretValues;
}

/**
 * Fields that hold secrets whatever their values: a container's environment, request headers,
 * passwords and tokens. Their values are replaced before a line is written.
 */
export const REDACTED_PATHS = [
  'env',
  '*.env',
  'Env',
  '*.Env',
  '*.*.Env',
  'environment',
  '*.environment',
  'headers',
  '*.headers',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'buildArgs',
  '*.buildArgs',
  'buildargs',
  '*.buildargs',
];

/** The log file in a data directory. */
export const logFile = (dataDir: string): string => path.join(dataDir, 'logs', 'dockwright.log');

/** Adds the active trace to each line, unless the logger was given one explicitly. */
function traceMixin(_merge: object, _level: number, logger: pino.Logger): object {
  const span = activeSpanContext();
  if (!span || !isSpanContextValid(span)) return {};
  if ('traceId' in logger.bindings()) return {};
  return { traceId: span.traceId, spanId: span.spanId };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const streams: pino.StreamEntry[] = [];
  if (options.dataDir) {
    const file = logFile(options.dataDir);
    ensurePrivateDirSync(path.dirname(file));
    streams.push({
      level: level === 'silent' ? 'fatal' : level,
      stream: pino.destination({ dest: file, sync: false, mode: PRIVATE_FILE_MODE }),
    });
  }
  const stderrLevel = options.stderrLevel ?? 'warn';
  if (stderrLevel !== 'silent') {
    const stderr = options.stderr ?? process.stderr;
    const pretty = options.pretty ?? stderr.isTTY === true;
    streams.push({
      level: stderrLevel,
      stream: pretty
        ? prettyStream(stderr, stderr.isTTY === true)
        : options.stderr
          ? { write: (line: string) => void stderr.write(line) }
          : pino.destination(2),
    });
  }
  if (streams.length === 0 || level === 'silent') return pino({ level: 'silent' });
  const secrets = options.secrets ?? processSecrets;
  return pino(
    {
      level,
      base: { app: 'dockwright' },
      mixin: traceMixin,
      redact: { paths: REDACTED_PATHS, censor: MASK },
      // Known secret values are masked in the whole line, wherever they appear (a message, an error).
      hooks: { streamWrite: (line) => secrets.mask(line) },
    },
    pino.multistream(streams),
  );
}

export { silentLogger } from './silent-logger';
