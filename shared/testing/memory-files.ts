// Test support: a FileHost over an in-memory folder tree with POSIX paths.
import type { FileHost } from '../compose/file-host';

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function memoryFiles(files: Record<string, string>): FileHost {
  return {
    read: (path) => {
      const text = files[normalize(path)];
      return text === undefined ? { ok: false, reason: 'ENOENT' } : { ok: true, text };
    },
    resolve: (dir, relative) => normalize(relative.startsWith('/') ? relative : `${dir}/${relative}`),
    dirname: (path) => normalize(`${path}/..`),
    relative: (from, to) => {
      const a = normalize(from).split('/').filter(Boolean);
      const b = normalize(to).split('/').filter(Boolean);
      let same = 0;
      while (same < a.length && same < b.length && a[same] === b[same]) same++;
      return [...a.slice(same).map(() => '..'), ...b.slice(same)].join('/');
    },
    isAbsolute: (path) => path.startsWith('/'),
  };
}
