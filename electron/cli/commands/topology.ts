import type { Command } from 'commander';
import { fileOption } from '../compose-files';
import type { CliIo } from '../io';
import type { K8sCliOptions } from './export-k8s';
import type { FileOptions } from './topology-actions';

// The commands are declared here; their work (YAML, the model, validation) loads when one runs,
// so `dockwright --help` does not pay for it.
const actions = () => import('./topology-actions');

const FILE_ARGUMENT =
  'a Dockwright topology or a compose file (the first file; default: the compose file here, with its override)';

export function registerTopologyCommands(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'check a topology or compose file; exit 0 when there are no errors (warnings allowed), 1 when there are, 2 when it cannot be read',
    )
    .argument('[file]', FILE_ARGUMENT)
    .addOption(fileOption())
    .option('--json', 'print problems as JSON (code, severity, message, location)')
    .action(async (file: string | undefined, options: FileOptions & { json?: boolean }) =>
      (await actions()).validateCommand(io, file, options),
    );

  program
    .command('plan')
    .description('print the deployment plan: waves of nodes that start together, and the teardown order')
    .argument('[file]', FILE_ARGUMENT)
    .addOption(fileOption())
    .option('--json', 'print the plan as JSON')
    .action(async (file: string | undefined, options: FileOptions & { json?: boolean }) =>
      (await actions()).planCommand(io, file, options),
    );

  program
    .command('import')
    .description(
      'convert a compose file into a Dockwright topology (warnings name whatever could not be carried over)',
    )
    .argument(
      '[compose-file]',
      'compose.yaml or docker-compose.yml (default: the one here, with its override)',
    )
    .addOption(fileOption())
    .option('-o, --output <file>', 'write the topology here instead of to stdout')
    .action(async (file: string | undefined, options: FileOptions & { output?: string }) =>
      (await actions()).importCommand(io, file, options),
    );

  program
    .command('export')
    .description(
      'write a topology as a compose file (what Compose cannot express is kept in x-dockwright and listed), or as Kubernetes objects with --format k8s',
    )
    .argument(
      '[file]',
      'a Dockwright topology (or a compose file, to normalize it; several with -f, to merge them)',
    )
    .addOption(fileOption())
    .option('--format <format>', 'output format: compose, or k8s (Kubernetes objects)', 'compose')
    .option(
      '-o, --output <file>',
      'write here instead of to stdout (k8s: a path ending in / or a folder gets one file per object)',
    )
    .option('--no-project-name', 'omit the top-level name (docker-compose 1.x rejects it)')
    .option(
      '--include-secrets',
      'write secret-looking environment values and build args as they are (by default: ${VAR} references)',
    )
    .option('--namespace <namespace>', 'k8s: the namespace of every object', 'default')
    .option('--wait-image <image>', 'k8s: the image (with sh and kubectl) of the init containers that wait')
    .action(
      async (
        file: string | undefined,
        options: FileOptions &
          K8sCliOptions & { format: string; output?: string; projectName: boolean; includeSecrets?: boolean },
      ) => (await actions()).exportCommand(io, file, options),
    );
}
