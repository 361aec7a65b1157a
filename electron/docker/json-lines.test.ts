import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { readJsonLines } from './json-lines';

describe('readJsonLines', () => {
  it('parses values split across chunks and skips blank and non-JSON lines', () => {
    const stream = new PassThrough();
    const values: unknown[] = [];
    readJsonLines(
      stream,
      (value) => values.push(value),
      () => {},
    );
    stream.write('{"a":1}\n{"b":');
    stream.write('2}\n\n  \nnot json\n{"c":3');
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    stream.write('}\n');
    expect(values).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('reports the end once, with the error when the stream fails', async () => {
    const stream = new PassThrough();
    const onEnd = vi.fn();
    readJsonLines(stream, () => {}, onEnd);
    const failure = new Error('engine went away');
    stream.destroy(failure);
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalled());
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(onEnd.mock.calls).toEqual([[failure]]);
  });

  it('does not report the end after stop', async () => {
    const stream = new PassThrough();
    const onEnd = vi.fn();
    const stop = readJsonLines(stream, () => {}, onEnd);
    const closed = new Promise<void>((resolve) => stream.on('close', resolve));
    stop();
    await closed;
    expect(stream.destroyed).toBe(true);
    expect(onEnd).not.toHaveBeenCalled();
  });
});
