import { Option } from 'commander';
import type { CleanupReport, NodeRunState } from '../../../shared/ipc/contract';
import type { AppServices } from '../../app/services';
import type { CliIo } from '../io';

export type TargetName = 'engine' | 'swarm';

/** `--target engine|swarm` for up, down and status. */
export function targetOption(): Option {
  return new Option(
    '--target <target>',
    "where: engine (this engine's containers, the default) or swarm (the Swarm this engine manages)",
  ).choices(['engine', 'swarm']);
}

/** The request's `target`, only when it is not the default. */
export const targetField = (target: TargetName | undefined): { target?: 'swarm' } =>
  target === 'swarm' ? { target: 'swarm' } : {};

/** A node's Swarm task counts, as `up` prints them: `2/3 tasks running`. */
export function tasksText(state: NodeRunState): string | undefined {
  if (!state.tasks) return undefined;
  const { running, desired } = state.tasks;
  return `${running}/${desired} tasks ${state.state === 'completed' ? 'completed' : 'running'}`;
}

/** What `down --target swarm` removed, in one line. */
export function swarmCleanupLine(project: string, report: CleanupReport): string {
  return `Removed ${report.services ?? 0} services, ${report.containers} stopped task containers, ${report.networks} networks, ${report.secrets ?? 0} secrets, ${report.configs ?? 0} configs, ${report.volumes} volumes of ${project} from the Swarm\n`;
}

/** `status --target swarm`: each project's services, with their tasks per node. */
export async function printSwarmStatus(
  io: CliIo,
  app: AppServices,
  options: { project?: string; json?: boolean },
): Promise<void> {
  const projects = await app.swarm.status(options.project);
  if (options.json) {
    io.stdout(JSON.stringify(projects, null, 2) + '\n');
    return;
  }
  if (projects.length === 0) io.stdout('No Dockwright projects on this Swarm.\n');
  for (const project of projects) {
    io.stdout(
      `${project.project} (swarm): ${project.services.length} services, ${project.networks.length} networks, ${project.secrets.length} secrets, ${project.configs.length} configs, ${project.volumes.length} volumes here\n`,
    );
    for (const service of project.services) {
      const verb = service.mode === 'job' ? 'completed' : 'running';
      io.stdout(
        `  ${service.name.padEnd(38)} ${service.mode.padEnd(10)} ${service.running}/${service.desired} ${verb}\n`,
      );
      for (const task of service.tasks)
        io.stdout(
          `    ${task.name.padEnd(36)} ${task.node.padEnd(16)} ${task.state.padEnd(10)} ${task.since ?? ''}${task.error ? `  ${task.error}` : ''}\n`,
        );
    }
  }
}
