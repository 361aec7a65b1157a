import type { Resources } from '../topology/model';
import {
  isRecord,
  optionalInt,
  reportUnknownKeys,
  scalarText,
  type ImportContext,
  type RawMap,
} from './import-context';

const DEPLOY_KEYS = new Set(['replicas', 'resources']);

/** deploy.resources, and the legacy top-level cpus/mem_limit/mem_reservation/pids_limit. */
export function importServiceResources(raw: RawMap, key: string, ctx: ImportContext): Resources | undefined {
  const path = ['services', key];
  const deploy = isRecord(raw['deploy']) ? raw['deploy'] : undefined;
  if (deploy) reportUnknownKeys(deploy, DEPLOY_KEYS, [...path, 'deploy'], ctx, 'deploy');
  const resources = deploy && isRecord(deploy['resources']) ? deploy['resources'] : {};
  reportUnknownKeys(
    resources,
    new Set(['limits', 'reservations']),
    [...path, 'deploy', 'resources'],
    ctx,
    'deploy.resources',
  );
  const limitsRaw = isRecord(resources['limits']) ? resources['limits'] : {};
  const reservationsRaw = isRecord(resources['reservations']) ? resources['reservations'] : {};
  reportUnknownKeys(
    limitsRaw,
    new Set(['cpus', 'memory', 'pids']),
    [...path, 'deploy', 'resources', 'limits'],
    ctx,
    'Resource limit',
  );
  reportUnknownKeys(
    reservationsRaw,
    new Set(['cpus', 'memory']),
    [...path, 'deploy', 'resources', 'reservations'],
    ctx,
    'Resource reservation',
  );

  const cpus = (value: unknown): string | number | undefined =>
    typeof value === 'number' ? value : scalarText(value);
  const limits: NonNullable<Resources['limits']> = {};
  const reservations: NonNullable<Resources['reservations']> = {};
  const set = <T extends object>(target: T, field: keyof T, value: unknown): void => {
    if (value !== undefined) (target as Record<keyof T, unknown>)[field] = value;
  };
  set(limits, 'cpus', cpus(limitsRaw['cpus']));
  set(limits, 'memory', scalarText(limitsRaw['memory']));
  set(
    limits,
    'pids',
    optionalInt(limitsRaw['pids'], [...path, 'deploy', 'resources', 'limits', 'pids'], ctx),
  );
  set(reservations, 'cpus', cpus(reservationsRaw['cpus']));
  set(reservations, 'memory', scalarText(reservationsRaw['memory']));

  const legacy: [string, () => void][] = [
    ['cpus', () => set(limits, 'cpus', limits.cpus ?? cpus(raw['cpus']))],
    ['mem_limit', () => set(limits, 'memory', limits.memory ?? scalarText(raw['mem_limit']))],
    [
      'pids_limit',
      () => set(limits, 'pids', limits.pids ?? optionalInt(raw['pids_limit'], [...path, 'pids_limit'], ctx)),
    ],
    [
      'mem_reservation',
      () => set(reservations, 'memory', reservations.memory ?? scalarText(raw['mem_reservation'])),
    ],
  ];
  for (const [field, apply] of legacy) {
    if (raw[field] === undefined) continue;
    apply();
    ctx.converted([...path, field], `${field} became deploy.resources (written there on export).`);
  }
  const out: Resources = {};
  if (Object.keys(limits).length > 0) out.limits = limits;
  if (Object.keys(reservations).length > 0) out.reservations = reservations;
  return Object.keys(out).length > 0 ? out : undefined;
}
