import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { followLogStream, LogDemuxer, sinceOf } from './container-logs';

function frame(type: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function collect(tty = false) {
  const lines: Array<[string, string, string]> = [];
  const demuxer = new LogDemuxer(tty, (stream, text, at) => lines.push([stream, text, at]));
  return { demuxer, lines };
}

describe('LogDemuxer', () => {
  it('splits multiplexed frames into stdout and stderr lines with the engine timestamps', () => {
    const { demuxer, lines } = collect();
    demuxer.push(
      Buffer.concat([
        frame(1, '2026-03-01T10:00:00.123456789Z hello\n'),
        frame(2, '2026-03-01T10:00:01Z oops\n'),
      ]),
    );
    expect(lines).toEqual([
      ['stdout', 'hello', '2026-03-01T10:00:00.123Z'],
      ['stderr', 'oops', '2026-03-01T10:00:01.000Z'],
    ]);
  });

  it('copes with frames and multi-byte characters cut anywhere by the transport', () => {
    const { demuxer, lines } = collect();
    const all = Buffer.concat([
      frame(1, '2026-03-01T10:00:00.5Z grüße\n'),
      frame(1, '2026-03-01T10:00:00.6Z line two\n'),
    ]);
    for (let i = 0; i < all.length; i++) demuxer.push(all.subarray(i, i + 1));
    expect(lines.map((l) => l[1])).toEqual(['grüße', 'line two']);
  });

  it('joins a long line the engine split into messages, dropping the continuation timestamp', () => {
    const { demuxer, lines } = collect();
    demuxer.push(frame(1, '2026-03-01T10:00:00.1Z first half '));
    demuxer.push(frame(1, '2026-03-01T10:00:00.2Z second half\n'));
    demuxer.push(frame(1, '2026-03-01T10:00:00.3Z no newline at the end'));
    demuxer.end();
    expect(lines.map((l) => l[1])).toEqual(['first half second half', 'no newline at the end']);
  });

  it('reads a TTY stream as raw stdout, with CRLF line ends', () => {
    const { demuxer, lines } = collect(true);
    demuxer.push(Buffer.from('2026-03-01T10:00:00.1Z one\r\n2026-03-01T10:00:00.2Z tw'));
    demuxer.push(Buffer.from('o\r\n'));
    expect(lines.map((l) => [l[0], l[1]])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
    ]);
  });
});

describe('sinceOf', () => {
  it('turns a start time into the engine `since` value, nanoseconds kept', () => {
    expect(sinceOf('2026-03-01T10:00:00.123456789Z')).toBe('1772359200.123456789');
    expect(sinceOf('2026-03-01T10:00:00Z')).toBe('1772359200.000000000');
    expect(sinceOf('0001-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('followLogStream', () => {
  it('is never idle while paused by back-pressure, so a follower that stops idle streams keeps it', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    const follow = followLogStream(stream, true, (_stream, text) => lines.push(text));
    stream.write('one\n');
    await sleep(5);
    expect(lines).toEqual(['one']);
    const arrived = follow.lastDataAt;
    follow.pause();
    await sleep(20);
    const waited = performance.now();
    expect(follow.lastDataAt).toBeGreaterThanOrEqual(waited);
    follow.resume();
    expect(follow.lastDataAt).toBeGreaterThan(arrived);
    follow.stop();
    await follow.ended;
  });
});
