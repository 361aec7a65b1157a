import type { Command } from 'commander';
import type { AppServices } from '../../app/services';
import { CliExit, ExitCode, type CliIo } from '../io';
import { projectNameArgument } from '../project-option';
import { requireEngine, services, withCommon, type CommonOptions } from './runs';

interface ChaosOptions extends CommonOptions {
  project?: string;
}

/** The project that runs the node: the one named, else the only one on the engine that has it. */
async function projectOf(app: AppServices, nodeId: string, named: string | undefined): Promise<string> {
  if (named) return named;
  const candidates: string[] = [];
  for (const project of await app.resources.projects.projects()) {
    const { containers } = await app.resources.projects.list(project);
    if (containers.some((c) => c.node === nodeId)) candidates.push(project);
  }
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0)
    throw new CliExit(ExitCode.failure, `no Dockwright project on this engine has a node ${nodeId}`);
  throw new CliExit(
    ExitCode.usage,
    `several projects have a node ${nodeId} (${candidates.join(', ')}); pick one with -p NAME`,
  );
}

export function registerChaosCommands(program: Command, io: CliIo): void {
  const chaos = program
    .command('chaos')
    .description('hurt a running topology on purpose, to watch Dockwright heal it');
  withCommon(
    chaos
      .command('kill')
      .argument('<node>', 'the node whose containers to kill')
      .description("kill a node's containers hard (SIGKILL); a watching Dockwright restarts them")
      .option(
        '-p, --project <name>',
        'the project (default: the only one that has the node)',
        projectNameArgument,
      )
      .option('--json', 'print the result as JSON'),
  ).action(async (nodeId: string, options: ChaosOptions) => {
    const app = await services(io, options);
    try {
      await requireEngine(io, app);
      const project = await projectOf(app, nodeId, options.project);
      const result = await app.health.kill(project, nodeId).catch((error: unknown) => {
        if ((error as Error)?.name === 'ApiError')
          throw new CliExit(ExitCode.failure, (error as Error).message);
        throw error;
      });
      if (options.json) io.stdout(JSON.stringify(result) + '\n');
      else
        io.stdout(`Killed ${nodeId} of ${project} (${result.containers.join(', ')}) with ${result.signal}\n`);
    } finally {
      await app.dispose();
    }
  });
}
