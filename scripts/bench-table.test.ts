import { describe, expect, it } from 'vitest';
import { benchTable } from './bench-table.mjs';

describe('the performance table', () => {
  it('puts each figure beside its peer with the ratio and the target, skipping other lines', () => {
    const table = benchTable([
      '# bench/run-vs-compose.bench.ts',
      JSON.stringify({
        bench: 'run-vs-compose',
        shape: 'two levels',
        composeUpMs: 5600,
        dockwrightUpMs: 4200,
        upRatio: 0.75,
        composeDownMs: 1300,
        dockwrightDownMs: 1400,
        downRatio: 1.08,
      }),
      JSON.stringify({
        bench: 'cli-startup',
        command: 'dockwright --version',
        dockwrightMs: 143,
        peer: 'docker-compose --version',
        peerMs: 578,
        ratio: 0.25,
        nodeFloorMs: 107,
        targetMs: 150,
      }),
      'not json',
    ]).split('\n');
    expect(table[0]).toBe('| Figure | Dockwright | Peer | Ratio | Target |');
    expect(table.slice(2)).toEqual([
      '| up, two levels (vs docker-compose 1.29) | 4,200 ms | 5,600 ms | 0.75 | ≤ 0.5 |',
      '| down, two levels | 1,400 ms | 1,300 ms | 1.08 | ≤ 0.5 |',
      '| CLI: dockwright --version (vs docker-compose --version) | 143 ms | 578 ms | 0.25 | ≤ 150 ms |',
    ]);
  });

  it("adds the engine's floor under up and down when the line has it", () => {
    const table = benchTable([
      JSON.stringify({
        bench: 'run-vs-compose',
        shape: 'one level',
        composeUpMs: 4000,
        dockwrightUpMs: 2900,
        upRatio: 0.73,
        composeDownMs: 1100,
        dockwrightDownMs: 900,
        downRatio: 0.82,
        floorUpMs: 2300,
        floorDownMs: 420,
        floorUpRatio: 0.58,
        floorDownRatio: 0.38,
      }),
    ]).split('\n');
    expect(table.slice(4)).toEqual([
      "| the engine's floor for up, one level (its API calls alone; vs docker-compose) | 2,300 ms | 4,000 ms | 0.58 | – |",
      "| the engine's floor for down, one level | 420 ms | 1,100 ms | 0.38 | – |",
    ]);
  });

  it('is empty when no line is a known figure', () => {
    expect(benchTable(['{"bench":"other"}', 'text'])).toBe('');
  });
});
