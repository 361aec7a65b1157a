import { ApiError } from '../../shared/ipc/errors';
import { deceptiveNameMessage, findDeceptive } from '../../shared/text/deceptive-characters';

/** Extensions a topology (or Compose) file may have; anything else is not ours to read or write. */
export const TOPOLOGY_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

const MAX_PATH_CHARS = 1024;
const MAX_SEGMENT_CHARS = 255;
const MAX_DEPTH = 8;
// Windows device names stay devices whatever the extension (`nul.yaml`, `COM1.json`).
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;
// Control characters, and what Windows forbids in names (`:` would also open an NTFS stream).
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FORBIDDEN_CHAR = /[\u0000-\u001f\u007f<>:"|?*\\]/;

function refuse(path: string, reason: string, message: string): never {
  throw new ApiError('INVALID_INPUT', message, { path: path.slice(0, 200), reason });
}

/**
 * Checks a file path relative to the topologies folder and returns its segments. Only plain,
 * visible names joined by `/` pass: no absolute paths, no `.` or `..`, no hidden files, no
 * backslashes, drive letters, device names or streams, so the path cannot name anything outside
 * the folder by its spelling. (Symbolic links are checked on the file system, by the caller.)
 */
export function checkFilePath(path: string): string[] {
  if (path.length === 0) refuse(path, 'empty', 'The file name is empty.');
  if (path.length > MAX_PATH_CHARS)
    refuse(path, 'too-long', `The file path is longer than ${MAX_PATH_CHARS} characters.`);
  if (path.includes('\u0000')) refuse(path, 'nul', 'The file path contains a NUL character.');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\'))
    refuse(path, 'absolute', `"${path}" is an absolute path; give a name inside the topologies folder.`);
  const segments = path.split('/');
  if (segments.length > MAX_DEPTH)
    refuse(path, 'too-deep', `The file path has more than ${MAX_DEPTH} folder levels.`);
  for (const segment of segments) {
    if (segment === '')
      refuse(path, 'empty-segment', `"${path}" has an empty folder name ("//" or a trailing "/").`);
    if (segment === '..' || segment === '.')
      refuse(
        path,
        'parent',
        `"${path}" uses "${segment}"; only names inside the topologies folder are allowed.`,
      );
    if (segment.startsWith('.'))
      refuse(path, 'hidden', `"${segment}" is a hidden name; names may not start with ".".`);
    if (segment.length > MAX_SEGMENT_CHARS)
      refuse(path, 'too-long', `"${segment.slice(0, 40)}…" is longer than ${MAX_SEGMENT_CHARS} characters.`);
    const bad = FORBIDDEN_CHAR.exec(segment);
    if (bad)
      refuse(
        path,
        'character',
        `"${path}" contains the character ${JSON.stringify(bad[0])}, which file names may not.`,
      );
    // Bidirectional and zero-width characters: `evil\u202Elmay.exe` must not pass for a YAML file.
    const hidden = findDeceptive(segment);
    if (hidden) refuse(path, 'deceptive', deceptiveNameMessage('The file name', segment, hidden));
    if (/[ .]$/.test(segment)) refuse(path, 'trailing', `"${segment}" ends with a space or a dot.`);
    if (DEVICE_NAME.test(segment)) refuse(path, 'device', `"${segment}" is a device name on Windows.`);
  }
  const lower = path.toLowerCase();
  if (!TOPOLOGY_EXTENSIONS.some((ext) => lower.endsWith(ext)))
    refuse(path, 'extension', `"${path}" must end in ${TOPOLOGY_EXTENSIONS.join(', ')}.`);
  return segments;
}

/** Whether a path on disk is the folder itself or inside it (both already resolved). */
export function isInside(folder: string, target: string, separator: string): boolean {
  return target === folder || target.startsWith(folder.endsWith(separator) ? folder : folder + separator);
}
