import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTopology } from '../../shared/testing/topologies';
import { firstFileOf } from '../docker/container-file-read';
import {
  OUTPUT_LIMITS,
  OutputError,
  emptyOutputArchive,
  outputPrefix,
  outputSizeProblem,
  outputVariables,
  parseOutputs,
} from './job-outputs';

describe('job outputs', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments; a later key wins', () => {
    expect(parseOutputs('extract', '# counts\nROWS=42\n\nFILE=/data/a=b.csv\r\nROWS=43\n')).toEqual({
      ROWS: '43',
      FILE: '/data/a=b.csv',
    });
    expect(parseOutputs('extract', '')).toEqual({});
    expect(parseOutputs('extract', 'EMPTY=\n')).toEqual({ EMPTY: '' });
  });

  it('refuses a line that is not KEY=VALUE with a variable name, saying which', () => {
    expect(() => parseOutputs('extract', 'ROWS=1\nnot a pair\n')).toThrow(OutputError);
    expect(() => parseOutputs('extract', 'ROWS=1\nnot a pair\n')).toThrow(
      /line 2 of the outputs of "extract"/,
    );
    expect(() => parseOutputs('x', '1ROWS=2')).toThrow(/line 1/);
    expect(() => parseOutputs('x', '=2')).toThrow(/line 1/);
  });

  it('bounds keys and size with a clear message', () => {
    const many = Array.from({ length: OUTPUT_LIMITS.keys + 1 }, (_, i) => `K${i}=v`).join('\n');
    expect(() => parseOutputs('extract', many)).toThrow(/257 keys; at most 256/);
    expect(outputSizeProblem('extract', OUTPUT_LIMITS.bytes)).toBeUndefined();
    expect(outputSizeProblem('extract', 70 * 1024)).toBe(
      'the outputs of "extract" (/dockwright/output) are 70 KiB; at most 64 KiB is read',
    );
  });

  it('names variables <JOB>_<KEY>: the id upper-cased, other characters as _', () => {
    expect(outputPrefix('extract')).toBe('EXTRACT');
    expect(outputPrefix('load-db.v2')).toBe('LOAD_DB_V2');
  });

  it('gives a node the outputs of the jobs it depends on, directly', () => {
    const topology = makeTopology({
      extract: { kind: 'job', image: 'x' },
      'load-db': { kind: 'job', image: 'x' },
      db: { kind: 'service', image: 'x' },
      report: {
        kind: 'job',
        image: 'x',
        dependsOn: [
          { node: 'extract', condition: 'completed' },
          { node: 'load-db', condition: 'completed' },
          { node: 'db', condition: 'started' },
        ],
      },
    });
    const outputs: Record<string, Record<string, string>> = {
      extract: { ROWS: '42' },
      'load-db': { TABLE: 'sales' },
    };
    expect(outputVariables(topology, 'report', (id) => outputs[id])).toEqual({
      EXTRACT_ROWS: '42',
      LOAD_DB_TABLE: 'sales',
    });
    expect(outputVariables(topology, 'extract', (id) => outputs[id])).toEqual({});
  });

  it('puts an empty file anyone may write, and reads it back out of a tar stream', async () => {
    const archive = await emptyOutputArchive();
    const file = await firstFileOf(Readable.from([archive]), 1024);
    expect(file).toEqual({ size: 0, content: Buffer.alloc(0) });
  });
});
