import { deceptiveNameMessage, findDeceptive } from '../../shared/text/deceptive-characters';
import { isProjectName } from '../../shared/topology/checks';
import { CliExit, ExitCode } from './io';

/**
 * The value of `-p, --project`: a Compose project name, without a character that could make it
 * read as another (it names containers, networks and volumes, and is printed back). Thrown as a
 * CliExit, not a commander error, so the name is never echoed raw.
 */
export function projectNameArgument(value: string): string {
  const hidden = findDeceptive(value);
  if (hidden)
    throw new CliExit(
      ExitCode.usage,
      `dockwright: ${deceptiveNameMessage('The project name', value, hidden)}`,
    );
  if (!isProjectName(value)) {
    throw new CliExit(
      ExitCode.usage,
      `dockwright: the project name "${value}" must be lowercase letters, digits, "-" and "_", starting with a letter or digit`,
    );
  }
  return value;
}
