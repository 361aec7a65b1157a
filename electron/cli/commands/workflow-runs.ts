import type { Command } from 'commander';
import type { RerunInput, RunSummary } from '../../../shared/ipc/contract';
import { CliExit, ExitCode, type CliIo } from '../io';
import { historyTable } from './history-format';
import {
  printNodes,
  requireEngine,
  services,
  withCommon,
  type CommonOptions,
  type RunCommandsContext,
} from './runs';

interface RerunOptions extends CommonOptions {
  project?: string;
  run?: string;
  from?: string;
  allowDangerous?: boolean;
}

interface HistoryOptions extends CommonOptions {
  project?: string;
  limit?: string;
  keepRuns?: string;
  keepDays?: string;
}

const positive = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliExit(ExitCode.usage, `${name} must be a whole number of 1 or more`);
  return n;
};

/** `dockwright rerun` and `dockwright history`: run history and reruns from where a run failed. */
export function registerWorkflowCommands(program: Command, io: CliIo, context: RunCommandsContext): void {
  withCommon(
    program
      .command('rerun')
      .description(
        "rerun a project's last run from where it failed: failed, cancelled and skipped nodes and their dependents run again; succeeded jobs are not rerun, running services are kept",
      )
      .option('-p, --project <name>', 'the project whose last run to rerun')
      .option('--run <id>', 'rerun this run instead of the last one')
      .option('--from <node>', 'rerun this node and everything that depends on it (even if it succeeded)')
      .option(
        '--allow-dangerous',
        'run even with dangerous settings (privileged, host paths, …), listing them',
      )
      .option('--json', 'print events as JSON lines'),
  ).action(async (options: RerunOptions) => {
    if ((options.project === undefined) === (options.run === undefined))
      throw new CliExit(ExitCode.usage, 'name the project (-p NAME) or the run (--run ID) to rerun');
    const [{ startWithConsent }, { rerunEnvironment }] = await Promise.all([
      import('./start-with-consent'),
      import('../load-file'),
    ]);
    const app = await services(io, options, io.env, 'rerun');
    try {
      await requireEngine(io, app);
      const json = options.json === true;
      let width = 10;
      printNodes(io, app, json, () => width);
      const input: RerunInput = {
        ...(options.project ? { project: options.project } : {}),
        ...(options.run ? { runId: options.run } : {}),
        ...(options.from ? { from: options.from } : {}),
        idempotencyKey: `cli-rerun-${Date.now()}-${process.pid}`,
      };
      const started = await startWithConsent(
        io,
        {
          start: (request: RerunInput) =>
            app.runs.rerun(request, { envFor: (baseDir) => rerunEnvironment(io, baseDir) }),
        },
        input,
        {
          allowDangerous: options.allowDangerous === true,
          json,
        },
      );
      width = Math.max(8, ...Object.keys(started.nodes).map((id) => id.length)) + 2;
      if (json)
        io.stdout(JSON.stringify({ type: 'rerun', runId: started.runId, rerun: started.rerun }) + '\n');
      else
        io.stdout(
          `Rerun ${started.runId} of run ${started.rerun?.of ?? '?'}${options.from ? ` from ${options.from}` : ''} (project ${started.project})\n`,
        );
      const stop = context.untilStopped().then(() => app.runs.cancel(started.runId));
      const final: RunSummary = await Promise.race([app.runs.wait(started.runId), stop]);
      if (json) io.stdout(JSON.stringify({ type: 'run', ...final, nodes: undefined }) + '\n');
      else io.stdout(`Run ${final.state}\n`);
      if (final.state !== 'succeeded') throw new CliExit(ExitCode.failure);
    } finally {
      await app.dispose();
    }
  });

  withCommon(
    program
      .command('history')
      .description("list runs, newest first: id, status, start, end, trigger and each node's final state")
      .option('-p, --project <name>', 'only the runs of this project')
      .option('-n, --limit <count>', 'at most this many runs (default 200)')
      .option('--keep-runs <count>', 'first prune the history to the newest COUNT runs')
      .option('--keep-days <days>', 'first prune runs older than DAYS days')
      .option('--json', 'print JSON: an array of runs with their nodes'),
  ).action(async (options: HistoryOptions) => {
    const limit = positive('--limit', options.limit);
    const keepRuns = positive('--keep-runs', options.keepRuns);
    const keepDays = positive('--keep-days', options.keepDays);
    const app = await services(io, options);
    try {
      if (keepRuns !== undefined || keepDays !== undefined) {
        const removed = await app.runs.pruneHistory({
          maxRuns: keepRuns ?? Number.MAX_SAFE_INTEGER,
          maxAgeDays: keepDays ?? 36_500,
        });
        if (!options.json) io.stderr(`Pruned ${removed.length} run(s) from the history\n`);
      }
      const runs = await app.runs.history(options.project, limit);
      if (options.json) io.stdout(JSON.stringify(runs, null, 2) + '\n');
      else if (runs.length === 0)
        io.stdout(
          options.project ? `No runs of ${options.project} in the history.\n` : 'No runs in the history.\n',
        );
      else io.stdout(historyTable(runs));
    } finally {
      await app.dispose();
    }
  });
}
