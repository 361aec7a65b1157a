import { Command, CommanderError } from 'commander';
import { registerChaosCommands } from './commands/chaos';
import { registerEngineCommands } from './commands/engine';
import { registerRunCommands } from './commands/runs';
import { registerTopologyCommands } from './commands/topology';
import { registerUpCommand } from './commands/up';
import { registerWorkflowCommands } from './commands/workflow-runs';
import { registerWebCommand, type WebCommandContext } from './commands/web';
import { CliExit, ExitCode, type CliIo } from './io';

export const VERSION = '0.1.0';

export type ProgramContext = WebCommandContext;

const output = (io: CliIo) => ({
  writeOut: (text: string) => io.stdout(text),
  writeErr: (text: string) => io.stderr(text),
});

export function createProgram(io: CliIo, context: ProgramContext): Command {
  const program = new Command('dockwright')
    .description('Design, run, watch and export Docker topologies.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run dockwright --help for usage)')
    .exitOverride()
    .configureOutput(output(io));
  registerWebCommand(program, io, context);
  registerEngineCommands(program, io);
  registerTopologyCommands(program, io);
  registerUpCommand(program, io, context);
  registerRunCommands(program, io);
  registerWorkflowCommands(program, io, context);
  registerChaosCommands(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput(output(io));
  return program;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 the thing asked failed, 2 usage error, 3 busy. */
export async function runCli(argv: string[], io: CliIo, context: ProgramContext): Promise<number> {
  const program = createProgram(io, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CliExit) {
      if (error.message) io.stderr(`${error.message}\n`);
      return error.code;
    }
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return ExitCode.usage;
    }
    io.stderr(`dockwright: ${(error as Error).message ?? String(error)}\n`);
    // By its stable code (ApiError's module is not loaded for commands that never meet one).
    return (error as { code?: unknown }).code === 'PROJECT_BUSY' ? ExitCode.busy : ExitCode.failure;
  }
}
