import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { DockerClient } from './docker-client';

export type LogStream = 'stdout' | 'stderr';

/** One line of a container's output, with the engine's timestamp (ISO 8601, milliseconds). */
export type LogLineHandler = (stream: LogStream, text: string, at: string) => void;

/**
 * Splits the engine's multiplexed log stream (non-TTY containers): frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian length) followed by the payload.
 */
export function demultiplex(buffer: Buffer): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const frames: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const end = Math.min(buffer.length, offset + 8 + length);
    frames.push({
      stream: type === 2 ? 'stderr' : 'stdout',
      text: buffer.subarray(offset + 8, end).toString('utf8'),
    });
    offset = end;
  }
  return frames;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d) /;

/** The engine's RFC 3339 (nanosecond) timestamp as an ISO string with milliseconds. */
function isoFrom(match: RegExpExecArray): string {
  const [, seconds, fraction = '', zone] = match;
  if (zone === 'Z') return `${seconds}.${(fraction + '000').slice(0, 3)}Z`;
  const parsed = new Date(match[0].trimEnd());
  return Number.isNaN(parsed.getTime()) ? new Date().toISOString() : parsed.toISOString();
}

/**
 * Turns the engine's log stream into lines. Without a TTY the stream is multiplexed: frames of an
 * 8-byte header (stream type, 3 zero bytes, big-endian length) and a payload, which a chunk may
 * cut anywhere. Each line starts with the timestamp the engine added (`timestamps: true`).
 */
export class LogDemuxer {
  private pending: Buffer | undefined;
  private readonly partial: Record<LogStream, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<LogStream, StringDecoder> = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };

  constructor(
    private readonly tty: boolean,
    private readonly onLine: LogLineHandler,
  ) {}

  push(chunk: Buffer): void {
    if (this.tty) {
      this.text('stdout', this.decoders.stdout.write(chunk), false);
      return;
    }
    const buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    while (buffer.length - offset >= 8) {
      const length = buffer.readUInt32BE(offset + 4);
      if (buffer.length - offset - 8 < length) break;
      const stream: LogStream = buffer[offset] === 2 ? 'stderr' : 'stdout';
      this.text(stream, this.decoders[stream].write(buffer.subarray(offset + 8, offset + 8 + length)), true);
      offset += 8 + length;
    }
    this.pending = offset < buffer.length ? buffer.subarray(offset) : undefined;
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      this.partial[stream] = '';
      if (rest !== '') this.line(stream, rest);
    }
  }

  private text(stream: LogStream, text: string, framed: boolean): void {
    if (text === '') return;
    let carried = this.partial[stream];
    // The engine splits a very long line into several messages, each with its own timestamp:
    // a continuation's timestamp is dropped so the line reads as it was written.
    if (framed && carried !== '') {
      const match = TIMESTAMP.exec(text);
      if (match) text = text.slice(match[0].length);
    }
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const piece = text.slice(start, newline);
      this.line(stream, carried === '' ? piece : carried + piece);
      carried = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.partial[stream] = carried + text.slice(start);
  }

  private line(stream: LogStream, raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = TIMESTAMP.exec(text);
    if (match) this.onLine(stream, text.slice(match[0].length), isoFrom(match));
    else this.onLine(stream, text, new Date().toISOString());
  }
}

export interface FollowLogsOptions {
  tty: boolean;
  /** Only lines from this time on: the engine's `since` (seconds, with a fraction). */
  since?: string;
  /** Only the last N lines already written, then what follows. */
  tail?: number;
}

/** A followed log stream: pausable (back-pressure reaches the engine, which keeps the log file). */
export interface LogFollow {
  pause(): void;
  resume(): void;
  stop(): void;
  /** Resolves when the stream ends (the container stopped) or is stopped. */
  readonly ended: Promise<void>;
  /** When a line last arrived (ms, performance clock); now, while paused (waiting on us). */
  readonly lastDataAt: number;
}

/** The engine's `since` value for an RFC 3339 timestamp, exactly (nanoseconds kept). */
export function sinceOf(timestamp: string): string | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(timestamp);
  if (!match) return undefined;
  const seconds = Math.floor(Date.parse(`${match[1]}Z`) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return `${seconds}.${((match[2] ?? '') + '000000000').slice(0, 9)}`;
}

/** Follows a container's stdout and stderr, demultiplexed, line by line, with timestamps. */
export async function followLogs(
  client: DockerClient,
  id: string,
  options: FollowLogsOptions,
  onLine: LogLineHandler,
): Promise<LogFollow> {
  const stream = await client.followContainerLogs(id, {
    stdout: true,
    stderr: true,
    timestamps: true,
    ...(options.since ? { since: options.since } : {}),
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
  });
  return followLogStream(stream, options.tty, onLine);
}

/**
 * Reads an engine log stream (a container's, or a Swarm service's: the same framing) line by
 * line, pausable, until it ends or is stopped.
 */
export function followLogStream(stream: Readable, tty: boolean, onLine: LogLineHandler): LogFollow {
  const demuxer = new LogDemuxer(tty, onLine);
  let lastDataAt = performance.now();
  let finish: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    demuxer.end();
    finish();
  };
  stream.on('data', (chunk: Buffer) => {
    lastDataAt = performance.now();
    demuxer.push(chunk);
  });
  stream.on('end', end);
  stream.on('error', end);
  // The connection may close while lines it delivered still wait in the (paused) stream: then
  // 'end' follows once they are read. Only a cut-off response ends the follow on 'close'.
  stream.on('close', () => {
    const response = stream as { complete?: boolean; readableEnded?: boolean };
    if (response.complete === true && response.readableEnded === false) return;
    end();
  });
  // Paused by back-pressure, the stream is waiting on us, not idle: a follower that stops idle
  // streams must not stop one that still holds lines (they would be lost, unannounced).
  let paused = false;
  return {
    pause: () => {
      paused = true;
      stream.pause();
    },
    resume: () => {
      paused = false;
      lastDataAt = performance.now();
      stream.resume();
    },
    stop() {
      stream.destroy();
      end();
    },
    ended,
    get lastDataAt() {
      return paused ? performance.now() : lastDataAt;
    },
  };
}
