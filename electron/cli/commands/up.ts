import path from 'node:path';
import type { Command } from 'commander';
import type { HealthRecovery, HealthStatus, RunSummary } from '../../../shared/ipc/contract';
import type { AppServices } from '../../app/services';
import type { StartRequest } from '../../runs/run-service';
import { fileOption } from '../compose-files';
import { CliExit, ExitCode, type CliIo } from '../io';
import { projectNameArgument } from '../project-option';
import { targetField, targetOption, type TargetName } from './target-option';
import {
  STATE_WIDTH,
  printNodes,
  requireEngine,
  services,
  withCommon,
  type CommonOptions,
  type RunCommandsContext,
} from './runs';

interface UpOptions extends CommonOptions {
  project?: string;
  watch?: boolean;
  allowDangerous?: boolean;
  allowOutsideContext?: boolean;
  profile?: string[];
  target?: TargetName;
}

/** `--profile` flags, or Compose's COMPOSE_PROFILES (comma-separated) when none is given. */
export function activeProfiles(
  flags: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (flags && flags.length > 0) return [...flags];
  return (env.COMPOSE_PROFILES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

function describeRecovery(event: HealthRecovery): string {
  const attempt =
    event.attempt !== undefined ? ` attempt ${event.attempt}/${event.maxAttempts ?? event.attempt}` : '';
  const took = event.durationMs !== undefined ? ` in ${Math.round(event.durationMs / 100) / 10} s` : '';
  return `${event.action}${attempt} ${event.result}${took}: ${event.reason}`;
}

/** Prints the monitor's events: JSON lines, or one aligned line each. */
function printHealth(io: CliIo, app: AppServices, json: boolean, width: number): void {
  const line = (nodeId: string, state: string, text: string) =>
    io.stdout(`  ${nodeId.padEnd(width)}${state.padEnd(STATE_WIDTH)} ${text}`.trimEnd() + '\n');
  app.health.onStatus((event: HealthStatus) => {
    if (json) io.stdout(JSON.stringify({ type: 'health', ...event }) + '\n');
    else line(event.nodeId, event.state, event.reason ?? '');
  });
  app.health.onRecovery((event: HealthRecovery) => {
    if (json) io.stdout(JSON.stringify({ type: 'recovery', ...event }) + '\n');
    else line(event.nodeId, 'recovery', describeRecovery(event));
  });
}

export function registerUpCommand(program: Command, io: CliIo, context: RunCommandsContext): void {
  withCommon(
    program
      .command('up')
      .argument('[file]', 'a Dockwright topology or a Compose file (default: the compose file here)')
      .addOption(fileOption())
      .addOption(targetOption())
      .description('run a topology: returns when every service is up (and healthy) and every job is done')
      .option('-p, --project <name>', 'project name (default: the topology name)', projectNameArgument)
      .option('--json', 'print events as JSON lines')
      .option(
        '--profile <name>',
        'activate a Compose profile (repeatable; default: $COMPOSE_PROFILES, comma-separated)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option(
        '--allow-dangerous',
        'run even with dangerous settings (privileged, host paths, …), listing them',
      )
      .option(
        '--allow-outside-context',
        "build from a context outside the topology's folder (refused by default: a build sends it all)",
      )
      .option(
        '--watch',
        'then stay in the foreground: watch health, heal, print health events; Ctrl-C stops',
      ),
  ).action(async (file: string | undefined, options: UpOptions & { file?: string[] }) => {
    const [{ loadFileOrExit, composeEnvironment }, { startWithConsent }] = await Promise.all([
      import('../load-file'),
      import('./start-with-consent'),
    ]);
    const { topology, files } = loadFileOrExit(io, file, options.file);
    // Relative paths in every file are relative to the first file's folder, as in Compose.
    const first = path.resolve(io.cwd, files[0] ?? '.');
    const baseDir = path.dirname(first);
    // The run resolves `${VAR}` placeholders from the shell and the `.env` beside the first file.
    const app = await services(io, options, composeEnvironment(io, first));
    try {
      await requireEngine(io, app);
      const width = Math.max(8, ...Object.keys(topology.spec.nodes).map((id) => id.length)) + 2;
      printNodes(io, app, options.json === true, () => width);
      if (options.watch) printHealth(io, app, options.json === true, width);
      const consent = { allowDangerous: options.allowDangerous === true, json: options.json === true };
      const started = await startWithConsent(
        io,
        { start: (request: StartRequest) => app.runs.start(request, { trigger: 'cli' }) },
        {
          topology,
          idempotencyKey: `cli-${Date.now()}-${process.pid}`,
          baseDir,
          ...(options.project ? { project: options.project } : {}),
          ...(options.allowOutsideContext ? { allowOutsideContext: true } : {}),
          profiles: activeProfiles(options.profile, io.env),
          ...targetField(options.target),
        },
        consent,
      );
      if (!options.json) io.stdout(`Run ${started.runId} of project ${started.project}\n`);
      // Asked once: the same Ctrl-C cancels a run still starting, or ends the watch after it.
      const stopped = context.untilStopped();
      const stop = stopped.then(() => app.runs.cancel(started.runId));
      const final: RunSummary = await Promise.race([app.runs.wait(started.runId), stop]);
      if (options.json) io.stdout(JSON.stringify({ type: 'run', ...final, nodes: undefined }) + '\n');
      else
        io.stdout(
          `Run ${final.state}${final.state === 'succeeded' ? '' : ` (dockwright down ${files.map((f) => `-f ${f}`).join(' ')}${options.target === 'swarm' ? ' --target swarm' : ''} removes what it created)`}\n`,
        );
      if (final.state !== 'succeeded') throw new CliExit(ExitCode.failure);
      if (!options.watch) return;
      if (!options.json) io.stdout('Watching health; Ctrl-C stops watching (the services keep running)\n');
      await stop;
      if (options.json) io.stdout(JSON.stringify({ type: 'watch', state: 'stopped' }) + '\n');
      else io.stdout('Stopped watching\n');
    } finally {
      await app.dispose();
    }
  });
}
