import { problem } from '../topology/problem';
import { isRecord, scalarText, type ImportContext, type RawMap } from './import-context';
import { mergeServices } from './merge-documents';

/* `extends` within one file, merged by the Compose spec's merge rules (merge-documents.ts). */

export function resolveExtends(
  services: Readonly<Record<string, RawMap>>,
  ctx: ImportContext,
): Record<string, RawMap> {
  const resolved = new Map<string, RawMap>();
  const resolving = new Set<string>();

  const resolve = (name: string): RawMap => {
    const done = resolved.get(name);
    if (done) return done;
    const service = services[name] ?? {};
    const ext = service['extends'];
    if (ext === undefined) {
      resolved.set(name, service);
      return service;
    }
    const { extends: _ignored, ...own } = service;
    const spec = typeof ext === 'string' ? { service: ext } : isRecord(ext) ? ext : {};
    const baseName = scalarText(spec['service']);
    let result: RawMap = own;
    if (spec['file'] !== undefined) {
      ctx.unsupported(
        ['services', name, 'extends', 'file'],
        `"${name}" extends a service in another file (${scalarText(spec['file']) ?? '?'}); only extends within the same file is imported.`,
      );
    } else if (baseName === undefined || !Object.hasOwn(services, baseName)) {
      ctx.problems.push(
        problem(
          'COMPOSE_EXTENDS',
          `"${name}" extends "${baseName ?? '?'}", which is not a service in this file.`,
          ['services', name, 'extends'],
          { nodeId: name },
        ),
      );
    } else if (resolving.has(baseName) || baseName === name) {
      ctx.problems.push(
        problem(
          'COMPOSE_EXTENDS',
          `"${name}" extends "${baseName}" in a cycle; the extends was ignored.`,
          ['services', name, 'extends'],
          { nodeId: name },
        ),
      );
    } else {
      resolving.add(name);
      result = mergeServices(resolve(baseName), own);
      resolving.delete(name);
    }
    resolved.set(name, result);
    return result;
  };

  const out: Record<string, RawMap> = {};
  for (const name of Object.keys(services)) out[name] = resolve(name);
  return out;
}
