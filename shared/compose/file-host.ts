/**
 * What loading several files needs from the platform: reading a file and path arithmetic. The CLI
 * gives Node's fs and path; shared/ stays pure and tests give an in-memory folder.
 */
export interface FileHost {
  /** The text of the file at an absolute path, or a short reason it cannot be read (`ENOENT`). */
  read(
    path: string,
  ): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };
  /** `relative` resolved against the folder `dir` (an absolute path stays as it is). */
  resolve(dir: string, relative: string): string;
  dirname(path: string): string;
  /** The path from folder `from` to `to`, as `path.relative` says it. */
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
}
