// The performance table: the benchmarks' JSON lines (as `npm run bench` prints them) turned into
// one Markdown table of ours, the peer's and the ratio per figure, with the target beside it.
// `npm run bench` prints it at the end; `node scripts/bench-table.mjs FILE` prints it for a saved
// run (FILE holds the JSON lines; other lines are ignored).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const ms = (value) => (value === undefined ? '–' : `${Math.round(value).toLocaleString('en-US')} ms`);
const num = (value, unit = '') => (value === undefined ? '–' : `${value.toLocaleString('en-US')}${unit}`);
const ratioOf = (ours, peer) =>
  ours !== undefined && peer ? Math.round((ours / peer) * 100) / 100 : undefined;

/** One row per figure a benchmark line carries: [figure, ours, peer, ratio, target]. */
function rowsOf(line) {
  const bench = line.bench ?? line.name;
  switch (bench) {
    case 'run-vs-compose':
      return [
        [
          `up, ${line.shape} (vs docker-compose 1.29)`,
          ms(line.dockwrightUpMs),
          ms(line.composeUpMs),
          line.upRatio,
          '≤ 0.5',
        ],
        [`down, ${line.shape}`, ms(line.dockwrightDownMs), ms(line.composeDownMs), line.downRatio, '≤ 0.5'],
        ...(line.floorUpMs === undefined
          ? []
          : [
              [
                `the engine's floor for up, ${line.shape} (its API calls alone; vs docker-compose)`,
                ms(line.floorUpMs),
                ms(line.composeUpMs),
                line.floorUpRatio,
                '–',
              ],
              [
                `the engine's floor for down, ${line.shape}`,
                ms(line.floorDownMs),
                ms(line.composeDownMs),
                line.floorDownRatio,
                '–',
              ],
            ]),
      ];
    case 'swarm-vs-local':
      return [
        [
          'up on a Swarm (vs up on the local engine)',
          ms(line.swarmUpMs),
          ms(line.localUpMs),
          line.swarmUpRatio,
          '–',
        ],
      ];
    case 'cli-startup':
      return [
        [
          `CLI: ${line.command}${line.peer ? ` (vs ${line.peer.replace(/ -f \S+/, '')})` : ''}`,
          ms(line.dockwrightMs),
          line.peer ? ms(line.peerMs) : `node alone ${ms(line.nodeFloorMs)}`,
          line.ratio ?? '–',
          `≤ ${line.targetMs} ms`,
        ],
      ];
    case 'editor-canvas':
      return [
        [
          `editor: first render of ${line.nodes} nodes / ${line.edges} edges (vs bare React Flow)`,
          ms(line.dockwright?.firstRenderMs),
          ms(line.bare?.firstRenderMs),
          line.ratio?.firstRender,
          `≤ ${line.target?.firstRender}x`,
        ],
        [
          'editor: pan frame',
          ms(line.dockwright?.panFrameMs),
          ms(line.bare?.panFrameMs),
          line.ratio?.panFrame,
          `≤ ${line.target?.panFrame}x`,
        ],
        [
          'editor: drag frame',
          ms(line.dockwright?.dragFrameMs),
          ms(line.bare?.dragFrameMs),
          line.ratio?.dragFrame,
          `≤ ${line.target?.dragFrame}x`,
        ],
      ];
    case 'log-render':
      return [
        [
          `logs: ${num(line.lines)}-line burst, UI frame p95 (all lines shown)`,
          ms(line.dockwright?.frameP95Ms),
          '–',
          '–',
          '< 50 ms',
        ],
        [
          'logs: lines per second to the screen (vs docker logs -f, both live)',
          num(line.dockwright?.linesPerSecond),
          num(line.dockerLogs?.linesPerSecond),
          ratioOf(line.dockwright?.linesPerSecond, line.dockerLogs?.linesPerSecond),
          '≥ 0.5x',
        ],
      ];
    case 'log-throughput':
      return [
        [
          `logs: ${num(line.lines)} lines to a WebSocket client (vs docker logs)`,
          ms(line.toWebSocketClientMs),
          ms(line.dockerLogsMs),
          line.ratioToClient,
          '–',
        ],
      ];
    case 'telemetry-overhead-executor-10k':
      return [
        [
          `tracing: ${num(line.tasks)} no-op tasks (vs untraced)`,
          ms(line.tracedMs),
          ms(line.plainMs),
          line.ratio,
          '≤ 1.3x',
        ],
      ];
    case 'footprint':
      return [
        [
          `web mode: RSS after ${line.minutes} min with ${line.services} services, logs and metrics open`,
          `${line.rssMb} MB`,
          '–',
          '–',
          `≤ ${line.target?.rssMb} MB`,
        ],
        [
          `web mode: idle CPU over ${line.cpuWindowSeconds} s, Logs panel shown`,
          `${line.idleCpuPct} %`,
          '–',
          '–',
          `≤ ${line.target?.idleCpuPct} %`,
        ],
        ...(line.idleCpuMetricsShownPct !== undefined
          ? [
              [
                `web mode: idle CPU over ${line.cpuWindowSeconds} s, Metrics panel shown`,
                `${line.idleCpuMetricsShownPct} %`,
                '–',
                '–',
                `≤ ${line.target?.idleCpuPct} %`,
              ],
            ]
          : []),
      ];
    default:
      return [];
  }
}

export function benchTable(lines) {
  const rows = [];
  for (const text of lines) {
    if (!text.startsWith('{')) continue;
    try {
      rows.push(...rowsOf(JSON.parse(text)));
    } catch {
      // Not a figure line.
    }
  }
  if (rows.length === 0) return '';
  const header = ['Figure', 'Dockwright', 'Peer', 'Ratio', 'Target'];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((cell) => String(cell ?? '–')).join(' | ')} |`),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node scripts/bench-table.mjs FILE (the JSON lines of a bench run)\n');
    process.exit(2);
  }
  process.stdout.write(`${benchTable(readFileSync(file, 'utf8').split('\n'))}\n`);
}
