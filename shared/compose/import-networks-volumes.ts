import type { NetworkNode, VolumeNode } from '../topology/model';
import {
  extensionsOf,
  isRecord,
  optionalBoolean,
  reportUnknownKeys,
  scalarText,
  stringMap,
  type ImportContext,
  type RawMap,
} from './import-context';
import { DOCKWRIGHT_EXTENSION } from './extension';
import { compact } from './objects';

/** `external: {name: x}` is the legacy spelling of `external: true` plus `name: x`. */
function external(
  map: RawMap,
  path: (string | number)[],
  ctx: ImportContext,
): { external?: boolean; legacyName?: string } {
  const value = map['external'];
  if (isRecord(value)) {
    ctx.converted(
      [...path, 'external'],
      'The legacy external: {name} form became external: true with a name.',
    );
    return { external: true, legacyName: scalarText(value['name']) };
  }
  const flag = optionalBoolean(value, [...path, 'external'], ctx);
  return flag === undefined ? {} : { external: flag };
}

export function importVolume(key: string, map: RawMap, ctx: ImportContext): VolumeNode {
  const path = ['volumes', key];
  reportUnknownKeys(
    map,
    new Set(['name', 'driver', 'driver_opts', 'external', 'labels']),
    path,
    ctx,
    `Volume "${key}"`,
  );
  const ext = external(map, path, ctx);
  return compact({
    kind: 'volume' as const,
    dockerName: scalarText(map['name']) ?? ext.legacyName,
    driver: scalarText(map['driver']),
    driverOpts: stringMap(map['driver_opts'], [...path, 'driver_opts'], ctx),
    external: ext.external,
    labels: stringMap(map['labels'], [...path, 'labels'], ctx),
    extensions: extensionsOf(map, [DOCKWRIGHT_EXTENSION]),
  });
}

export function importNetwork(key: string, map: RawMap, ctx: ImportContext): NetworkNode {
  const path = ['networks', key];
  reportUnknownKeys(
    map,
    new Set([
      'name',
      'driver',
      'driver_opts',
      'ipam',
      'internal',
      'external',
      'attachable',
      'enable_ipv6',
      'labels',
    ]),
    path,
    ctx,
    `Network "${key}"`,
  );
  const ext = external(map, path, ctx);
  const ipam = isRecord(map['ipam']) ? map['ipam'] : undefined;
  let subnets: NetworkNode['subnets'];
  if (ipam) {
    reportUnknownKeys(ipam, new Set(['config']), [...path, 'ipam'], ctx, 'IPAM');
    const configs = Array.isArray(ipam['config']) ? ipam['config'] : [];
    subnets = configs.flatMap((config, i) => {
      if (!isRecord(config) || scalarText(config['subnet']) === undefined) {
        ctx.unsupported([...path, 'ipam', 'config', i], 'An IPAM entry without a subnet was not imported.');
        return [];
      }
      reportUnknownKeys(
        config,
        new Set(['subnet', 'gateway', 'ip_range']),
        [...path, 'ipam', 'config', i],
        ctx,
        'IPAM config',
      );
      return [
        compact({
          subnet: scalarText(config['subnet']) ?? '',
          gateway: scalarText(config['gateway']),
          ipRange: scalarText(config['ip_range']),
        }),
      ];
    });
  }
  return compact({
    kind: 'network' as const,
    dockerName: scalarText(map['name']) ?? ext.legacyName,
    driver: scalarText(map['driver']),
    driverOpts: stringMap(map['driver_opts'], [...path, 'driver_opts'], ctx),
    subnets: subnets && subnets.length > 0 ? subnets : undefined,
    internal: optionalBoolean(map['internal'], [...path, 'internal'], ctx),
    external: ext.external,
    attachable: optionalBoolean(map['attachable'], [...path, 'attachable'], ctx),
    enableIpv6: optionalBoolean(map['enable_ipv6'], [...path, 'enable_ipv6'], ctx),
    labels: stringMap(map['labels'], [...path, 'labels'], ctx),
    extensions: extensionsOf(map, [DOCKWRIGHT_EXTENSION]),
  });
}
