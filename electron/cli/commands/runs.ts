import type { Command } from 'commander';
import type { NodeRunState } from '../../../shared/ipc/contract';
import type { AppServices } from '../../app/services';
import { fileOption } from '../compose-files';
import { CliExit, ExitCode, type CliIo } from '../io';
import { projectNameArgument } from '../project-option';
import {
  printSwarmStatus,
  swarmCleanupLine,
  targetField,
  targetOption,
  tasksText,
  type TargetName,
} from './target-option';
import { outputsText } from './history-format';

export interface RunCommandsContext {
  /** Resolves when the user asks to stop (Ctrl-C): `up` then cancels its run. */
  untilStopped: () => Promise<unknown>;
}

export interface CommonOptions {
  dataDir?: string;
  dockerHost?: string;
  context?: string;
  json?: boolean;
}

export const STATE_WIDTH = 10;

/**
 * The app's services for a command, loaded on use (commands that need none start fast). `env` is
 * the run's environment (by default the shell's); `starts` is what the project lock's holder record
 * calls a start by this command (another writer waiting is told `up`, or `rerun`, holds it).
 */
export async function services(
  io: CliIo,
  options: CommonOptions,
  env: Readonly<Record<string, string | undefined>> = io.env,
  starts = 'up',
): Promise<AppServices> {
  const [{ createAppServices }, { resolveDataDir }, { silentLogger }] = await Promise.all([
    import('../../app/services'),
    import('../../common/data-dir'),
    import('../../common/silent-logger'),
  ]);
  return createAppServices({
    logger: silentLogger,
    dataDir: resolveDataDir(io.cwd, options.dataDir, io.env),
    env,
    // The lock's holder record says what the CLI is doing in its own words.
    locks: { commands: { start: starts, cleanup: 'down' } },
    ...(options.dockerHost ? { dockerHost: options.dockerHost } : {}),
    ...(options.context ? { dockerContext: options.context } : {}),
  });
}

export function describeNode(state: NodeRunState): string {
  const parts: string[] = [];
  if (state.state === 'retrying' && state.attempt && state.maxAttempts) {
    parts.push(
      `attempt ${state.attempt}/${state.maxAttempts} failed, next in ${Math.round((state.delayMs ?? 0) / 100) / 10} s`,
    );
  }
  if (state.action && state.state !== 'pending') parts.push(state.action);
  const tasks = tasksText(state);
  if (tasks) parts.push(tasks);
  if (state.error) parts.push(state.error.message);
  if (state.reason) parts.push(state.reason);
  if (state.outputs && Object.keys(state.outputs).length > 0)
    parts.push(`outputs ${outputsText(state.outputs)}`);
  return parts.join('; ');
}

export async function requireEngine(io: CliIo, app: AppServices): Promise<void> {
  const answer = await app.engine.reachable();
  if (!answer.reachable) {
    io.stderr(`${answer.error.message}\n`);
    throw new CliExit(ExitCode.failure);
  }
}

export function withCommon(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'where run history is kept')
    .option('-H, --docker-host <url>', 'engine address (overrides --context, DOCKER_HOST, DOCKER_CONTEXT)')
    .option('--context <name>', 'docker context to use (overrides DOCKER_HOST, DOCKER_CONTEXT)');
}

export function registerRunCommands(program: Command, io: CliIo): void {
  withCommon(
    program
      .command('down')
      .argument('[file]', 'the topology or Compose file whose project to remove')
      .addOption(fileOption())
      .description(
        'stop and remove the containers and networks of a project (found by label); named volumes keep their data unless --volumes',
      )
      .option('-p, --project <name>', 'project name (instead of a file)', projectNameArgument)
      .option('-v, --volumes', "remove the project's named volumes too (their data is lost)")
      .addOption(targetOption())
      .option('--json', 'print the report as JSON'),
  ).action(
    async (
      file: string | undefined,
      options: CommonOptions & { project?: string; volumes?: boolean; file?: string[]; target?: TargetName },
    ) => {
      // Without FILE, -f or --project: the compose file here (and its override), as Compose finds it.
      const project =
        options.project ??
        (await import('../load-file')).loadFileOrExit(io, file, options.file).topology.metadata.name;
      const app = await services(io, options);
      try {
        await requireEngine(io, app);
        const report = await app.runs.cleanup(project, {
          ...(options.volumes ? { volumes: true } : {}),
          ...targetField(options.target),
          onRemoved: (what, error) => {
            if (options.json)
              io.stdout(
                JSON.stringify({ type: 'removed', resource: what, ...(error ? { error } : {}) }) + '\n',
              );
            else io.stdout(`  ${error ? 'failed ' : 'removed'} ${what}${error ? `: ${error}` : ''}\n`);
          },
        });
        if (options.json) io.stdout(JSON.stringify({ type: 'report', ...report }) + '\n');
        else {
          io.stdout(
            options.target === 'swarm'
              ? swarmCleanupLine(project, report)
              : `Removed ${report.containers} containers, ${report.networks} networks, ${report.volumes} volumes of ${project}\n`,
          );
          const kept = report.volumesKept ?? [];
          if (kept.length > 0)
            io.stdout(
              `Kept ${kept.length} named volume(s) and their data (--volumes removes them): ${kept.join(', ')}\n`,
            );
          for (const error of report.errors) io.stderr(`  ${error}\n`);
        }
        if (report.errors.length > 0) throw new CliExit(ExitCode.failure);
      } finally {
        await app.dispose();
      }
    },
  );

  withCommon(
    program
      .command('status')
      .description('list projects with resources on the engine, and their containers')
      .option('-p, --project <name>', 'only this project', projectNameArgument)
      .option('--json', 'print JSON')
      .addOption(targetOption()),
  ).action(async (options: CommonOptions & { project?: string; target?: TargetName }) => {
    const app = await services(io, options);
    try {
      await requireEngine(io, app);
      if (options.target === 'swarm') return await printSwarmStatus(io, app, options);
      const projects = options.project ? [options.project] : await app.resources.projects.projects();
      const result = await Promise.all(
        projects.map(async (project) => ({ project, ...(await app.resources.projects.list(project)) })),
      );
      if (options.json) {
        io.stdout(JSON.stringify(result, null, 2) + '\n');
        return;
      }
      if (result.length === 0) io.stdout('No Dockwright projects on this engine.\n');
      for (const project of result) {
        io.stdout(
          `${project.project}: ${project.containers.length} containers, ${project.networks.length} networks, ${project.volumes.length} volumes\n`,
        );
        for (const c of project.containers) io.stdout(`  ${c.name.padEnd(40)} ${c.state ?? ''}\n`);
      }
    } finally {
      await app.dispose();
    }
  });
}

/** Prints each node's progress (and system log lines) of a run: JSON lines, or one aligned line each. */
export function printNodes(io: CliIo, app: AppServices, json: boolean, width: () => number): void {
  app.runs.onNode((state) => {
    if (json) io.stdout(JSON.stringify({ type: 'node', ...state }) + '\n');
    else if (state.state !== 'pending')
      io.stdout(
        `  ${state.nodeId.padEnd(width())}${state.state.padEnd(STATE_WIDTH)} ${describeNode(state)}`.trimEnd() +
          '\n',
      );
  });
  app.runs.onLog((line) => {
    if (json) io.stdout(JSON.stringify({ type: 'log', ...line }) + '\n');
    else if (line.stream === 'system') io.stdout(`  ${line.nodeId.padEnd(width())}${line.text}\n`);
  });
}
