import { problem } from '../topology/problem';
import { ImportContext, isRecord, keyValueMap, scalarText, type RawMap } from './import-context';

/*
 * `extends` within one file, merged as the Compose spec's merge rules say: mappings merge
 * (list-form environment/labels are turned into mappings first), command/entrypoint are replaced,
 * mounts and devices merge by container path, other sequences append without duplicates.
 */

const KEY_VALUE_FIELDS = new Set(['environment', 'labels', 'sysctls', 'annotations']);
const NAME_SET_FIELDS = new Set(['networks', 'depends_on']);
const REPLACED_FIELDS = new Set(['command', 'entrypoint']);
const BY_TARGET_FIELDS = new Set(['volumes', 'devices', 'secrets', 'configs']);

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

export function mergeServices(base: RawMap, override: RawMap): RawMap {
  const out: RawMap = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const previous = out[key];
    if (previous === undefined || previous === null || value === null) out[key] = value;
    else if (KEY_VALUE_FIELDS.has(key)) out[key] = { ...asMap(previous), ...asMap(value) };
    else if (NAME_SET_FIELDS.has(key)) out[key] = { ...asNameMap(previous), ...asNameMap(value) };
    else if (REPLACED_FIELDS.has(key)) out[key] = value;
    else if (BY_TARGET_FIELDS.has(key) && Array.isArray(previous) && Array.isArray(value))
      out[key] = mergeByTarget(previous, value);
    else out[key] = mergeValues(previous, value);
  }
  return out;
}

function mergeValues(base: unknown, override: unknown): unknown {
  if (isRecord(base) && isRecord(override)) {
    const out: RawMap = { ...base };
    for (const [key, value] of Object.entries(override)) {
      // healthcheck.test and other nested lists are replaced, not appended
      out[key] = key in out && isRecord(out[key]) && isRecord(value) ? mergeValues(out[key], value) : value;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    const first: unknown[] = base;
    const second: unknown[] = override;
    const seen = new Set(first.map((v) => JSON.stringify(v)));
    return [...first, ...second.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  return override;
}

function asMap(value: unknown): RawMap {
  return keyValueMap(value, [], new ImportContext()) ?? {};
}

function asNameMap(value: unknown): RawMap {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), null]));
  return isRecord(value) ? value : {};
}

function targetOf(entry: unknown): string {
  if (isRecord(entry))
    return scalarText(entry['target']) ?? scalarText(entry['source']) ?? JSON.stringify(entry);
  const text = scalarText(entry) ?? JSON.stringify(entry);
  const parts = text.replace(/^[A-Za-z]:[\\/]/, '').split(':');
  return parts.length === 1 ? (parts[0] ?? text) : (parts[1] ?? text);
}

function mergeByTarget(base: unknown[], override: unknown[]): unknown[] {
  const byTarget = new Map<string, unknown>();
  for (const entry of [...base, ...override]) byTarget.set(targetOf(entry), entry);
  return [...byTarget.values()];
}
