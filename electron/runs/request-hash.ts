import { createHash } from 'node:crypto';
import type { ParsedInput } from '../../shared/ipc/contract';

/** JSON with object keys sorted and undefined members left out, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What a start request asks for, as a hash: the topology, the project, the base folder and the
 * active profiles (as a set). The consent fingerprint is left out: agreeing to a run again is the
 * same intent, not a different one.
 */
export function startRequestHash(request: ParsedInput<'runs.start'>): string {
  const canonical = canonicalJson({
    topology: request.topology,
    project: request.project ?? request.topology.metadata.name,
    baseDir: request.baseDir ?? null,
    profiles: [...new Set(request.profiles ?? [])].sort(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
