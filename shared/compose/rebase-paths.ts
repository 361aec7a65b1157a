import { isRaw, type Raw } from '../topology/merge-values';
import type { FileHost } from './file-host';

/*
 * An included file's relative paths are relative to its own project directory; once its services
 * join the including file they are written relative to the including file's folder, so that they
 * keep pointing at the same place. Absolute paths, named volumes and remote build contexts stay.
 */

type Rebase = (path: string) => string;

function isRemote(context: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    context.startsWith('git@') ||
    context.startsWith('github.com/')
  );
}

function rebaseBuild(build: unknown, rebase: Rebase): unknown {
  if (typeof build === 'string') return isRemote(build) ? build : rebase(build);
  if (!isRaw(build) || typeof build['context'] !== 'string' || isRemote(build['context'])) return build;
  return { ...build, context: rebase(build['context']) };
}

function rebaseVolume(entry: unknown, rebase: Rebase): unknown {
  if (isRaw(entry)) {
    const source = entry['source'];
    return entry['type'] === 'bind' && typeof source === 'string'
      ? { ...entry, source: rebase(source) }
      : entry;
  }
  if (typeof entry !== 'string' || !entry.startsWith('.')) return entry;
  const [source = '', ...rest] = entry.split(':');
  return [rebase(source), ...rest].join(':');
}

function rebaseEnvFile(entry: unknown, rebase: Rebase): unknown {
  if (typeof entry === 'string') return rebase(entry);
  return isRaw(entry) && typeof entry['path'] === 'string'
    ? { ...entry, path: rebase(entry['path']) }
    : entry;
}

function rebaseService(service: Raw, rebase: Rebase): Raw {
  const out: Raw = { ...service };
  if (service['build'] !== undefined) out['build'] = rebaseBuild(service['build'], rebase);
  if (Array.isArray(service['volumes']))
    out['volumes'] = service['volumes'].map((v) => rebaseVolume(v, rebase));
  const envFile = service['env_file'];
  if (envFile !== undefined && envFile !== null)
    out['env_file'] = Array.isArray(envFile)
      ? envFile.map((e) => rebaseEnvFile(e, rebase))
      : rebaseEnvFile(envFile, rebase);
  const ext = service['extends'];
  if (isRaw(ext) && typeof ext['file'] === 'string') out['extends'] = { ...ext, file: rebase(ext['file']) };
  return out;
}

function rebaseFiles(section: unknown, rebase: Rebase): unknown {
  if (!isRaw(section)) return section;
  return Object.fromEntries(
    Object.entries(section).map(([name, entry]) => [
      name,
      isRaw(entry) && typeof entry['file'] === 'string' ? { ...entry, file: rebase(entry['file']) } : entry,
    ]),
  );
}

/** `doc` with its relative paths moved from folder `from` to folder `to`. */
export function rebasePaths(doc: Raw, from: string, to: string, host: FileHost): Raw {
  if (from === to) return doc;
  const rebase: Rebase = (path) => {
    if (host.isAbsolute(path) || path.startsWith('~')) return path;
    const moved = host.relative(to, host.resolve(from, path)).replaceAll('\\', '/');
    if (moved === '') return '.';
    return moved.startsWith('.') || host.isAbsolute(moved) ? moved : `./${moved}`;
  };
  const out: Raw = { ...doc };
  const services = doc['services'];
  if (isRaw(services)) {
    out['services'] = Object.fromEntries(
      Object.entries(services).map(([name, s]) => [name, isRaw(s) ? rebaseService(s, rebase) : s]),
    );
  }
  for (const section of ['secrets', 'configs'] as const)
    if (doc[section] !== undefined) out[section] = rebaseFiles(doc[section], rebase);
  return out;
}
