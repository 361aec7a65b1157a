// A fake main side for tests whose files.* live in a Map.
import type { Api } from '../../../shared/ipc/api';
import { ApiError } from '../../../shared/ipc/errors';
import { fakeMainSide } from './main-side.fake';

const AT = '2026-11-28T10:00:00.000Z';

export interface FilesSide {
  api: Api;
  files: Map<string, string>;
  writes: Array<{ path: string; content: string }>;
  /** Makes the next writes fail as the main side would refuse them. */
  failWrites: (error: ApiError | null) => void;
  close: () => void;
}

export function filesSide(initial: Record<string, string> = {}): FilesSide {
  const files = new Map(Object.entries(initial));
  const recent: string[] = [];
  const writes: Array<{ path: string; content: string }> = [];
  let writeError: ApiError | null = null;
  const touch = (path: string) => recent.splice(0, recent.length, path, ...recent.filter((p) => p !== path));
  const side = fakeMainSide({
    'files.list': () =>
      [...files].map(([path, content]) => ({
        path,
        name: path.split('/').at(-1) ?? path,
        sizeBytes: content.length,
        modifiedAt: AT,
      })),
    'files.read': ({ path }) => {
      const content = files.get(path);
      if (content === undefined) throw new ApiError('NOT_FOUND', `There is no file "${path}".`);
      touch(path);
      return { path, content, modifiedAt: AT };
    },
    'files.write': ({ path, content }) => {
      if (writeError) throw writeError;
      files.set(path, content);
      writes.push({ path, content });
      touch(path);
      return { path, modifiedAt: AT };
    },
    'files.recent': () => [...recent],
  });
  return {
    api: side.api,
    files,
    writes,
    failWrites: (error) => {
      writeError = error;
    },
    close: side.close,
  };
}
