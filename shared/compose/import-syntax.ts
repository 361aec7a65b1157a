import type { Mount, Port } from '../topology/model';
import type { PathSegment } from '../topology/problem';
import {
  isRecord,
  optionalBoolean,
  optionalInt,
  reportUnknownKeys,
  scalarText,
  type ImportContext,
} from './import-context';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MAX_EXPANDED_RANGE = 1000;

/** Ports in short (`[ip:][host:]container[/proto]`, ranges) or long syntax. */
export function parsePort(value: unknown, path: PathSegment[], ctx: ImportContext): Port[] {
  if (isRecord(value)) return parseLongPort(value, path, ctx);
  const text = scalarText(value);
  const parsed = text === undefined ? undefined : parseShortPort(text);
  if (parsed === undefined) {
    ctx.invalid(path, `"${String(text ?? JSON.stringify(value))}" is not a port mapping.`);
    return [];
  }
  return parsed;
}

export function parseShortPort(spec: string): Port[] | undefined {
  let rest = spec.trim();
  let protocol: Port['protocol'];
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    const proto = rest.slice(slash + 1).toLowerCase();
    if (!PROTOCOLS.has(proto)) return undefined;
    protocol = proto as Port['protocol'];
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close === -1) return undefined;
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  const target = parts.pop() ?? '';
  const published = parts.length > 0 ? parts.pop() : undefined;
  if (parts.length > 0) hostIp = parts.join(':');
  const targets = range(target);
  if (!targets) return undefined;
  const publishedRange = published === undefined || published === '' ? undefined : range(published);
  if (published !== undefined && published !== '' && !publishedRange) return undefined;
  const base = {
    ...(hostIp === undefined || hostIp === '' ? {} : { hostIp }),
    ...(protocol === undefined ? {} : { protocol }),
  };
  const [tStart, tEnd] = targets;
  if (tStart === tEnd) {
    if (!publishedRange) return [{ target: tStart, ...base }];
    const [pStart, pEnd] = publishedRange;
    return [{ target: tStart, published: pStart === pEnd ? pStart : `${pStart}-${pEnd}`, ...base }];
  }
  // A container range maps one to one onto an equal host range (or onto ephemeral ports).
  if (tEnd - tStart >= MAX_EXPANDED_RANGE) return undefined;
  if (publishedRange && publishedRange[1] - publishedRange[0] !== tEnd - tStart) return undefined;
  const out: Port[] = [];
  for (let t = tStart; t <= tEnd; t++) {
    out.push({
      target: t,
      ...(publishedRange ? { published: publishedRange[0] + (t - tStart) } : {}),
      ...base,
    });
  }
  return out;
}

function range(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return end >= start ? [start, end] : undefined;
}

const LONG_PORT_KEYS = new Set(['target', 'published', 'host_ip', 'protocol', 'mode']);

function parseLongPort(value: Record<string, unknown>, path: PathSegment[], ctx: ImportContext): Port[] {
  reportUnknownKeys(value, LONG_PORT_KEYS, path, ctx, 'Port');
  const target = optionalInt(value['target'], [...path, 'target'], ctx);
  if (target === undefined) {
    ctx.invalid(path, 'A long-syntax port needs a numeric target.');
    return [];
  }
  if (value['mode'] !== undefined && value['mode'] !== 'ingress' && value['mode'] !== 'host') {
    ctx.invalid([...path, 'mode'], `Port mode ${JSON.stringify(value['mode'])} is neither host nor ingress.`);
  } else if (value['mode'] === 'host') {
    ctx.unsupported(
      [...path, 'mode'],
      'Port mode "host" (Swarm) was not imported; outside Swarm it makes no difference.',
    );
  }
  const publishedText = scalarText(value['published']);
  const publishedRange =
    publishedText === undefined || publishedText === '' ? undefined : range(publishedText);
  if (publishedText !== undefined && publishedText !== '' && !publishedRange)
    ctx.invalid([...path, 'published'], `"${publishedText}" is not a host port.`);
  const protocol = scalarText(value['protocol'])?.toLowerCase();
  if (protocol !== undefined && !PROTOCOLS.has(protocol))
    ctx.invalid([...path, 'protocol'], `Protocol "${protocol}" is not tcp, udp or sctp.`);
  const hostIp = scalarText(value['host_ip']);
  return [
    {
      target,
      ...(publishedRange
        ? {
            published:
              publishedRange[0] === publishedRange[1]
                ? publishedRange[0]
                : `${publishedRange[0]}-${publishedRange[1]}`,
          }
        : {}),
      ...(hostIp ? { hostIp } : {}),
      ...(protocol !== undefined && PROTOCOLS.has(protocol)
        ? { protocol: protocol as Port['protocol'] }
        : {}),
    },
  ];
}

/** Resolves a Compose volume key to the id of its volume node (creating one if undeclared). */
export type VolumeIdOf = (key: string, path: PathSegment[]) => string;

function isHostPath(source: string): boolean {
  return /^[./~$\\]/.test(source) || /^[A-Za-z]:[\\/]/.test(source);
}

/** Volumes in short (`[source:]target[:options]`) or long syntax. */
export function parseMount(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
  volumeIdOf: VolumeIdOf,
): Mount | undefined {
  if (isRecord(value)) return parseLongMount(value, path, ctx, volumeIdOf);
  const text = scalarText(value);
  if (text === undefined) {
    ctx.invalid(path, 'Expected a volume as a string or a mapping.');
    return undefined;
  }
  // A Windows drive letter is part of the source, not a separator.
  const drive = /^[A-Za-z]:[\\/]/.test(text) ? text.slice(0, 2) : '';
  const parts = text.slice(drive.length).split(':');
  if (drive) parts[0] = `${drive}${parts[0] ?? ''}`;
  if (parts.length === 1) return { type: 'volume', target: parts[0] ?? '' };
  if (parts.length > 3) {
    ctx.invalid(path, `"${text}" is not a volume mapping (source:target[:options]).`);
    return undefined;
  }
  const [source = '', target = '', optionText = ''] = parts;
  const options = optionText === '' ? [] : optionText.split(',');
  const readOnly = options.includes('ro') ? true : undefined;
  const selinux = options.find((o): o is 'z' | 'Z' => o === 'z' || o === 'Z');
  const propagation = options.find((o) => /^r?(shared|slave|private)$/.test(o));
  const known = new Set(['ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated']);
  for (const option of options) {
    if (!known.has(option) && option !== propagation)
      ctx.unsupported(path, `Volume option "${option}" of "${text}" was not imported.`);
  }
  if (source === '') {
    ctx.converted(
      path,
      `"${text}" has an empty source (an unset variable?); imported as an anonymous volume at ${target}.`,
    );
    return { type: 'volume', target, ...(readOnly ? { readOnly } : {}) };
  }
  if (isHostPath(source)) {
    return {
      type: 'bind',
      source,
      target,
      ...(readOnly ? { readOnly } : {}),
      ...(selinux ? { selinux } : {}),
      ...(propagation ? { propagation } : {}),
    };
  }
  return {
    type: 'volume',
    source: volumeIdOf(source, path),
    target,
    ...(readOnly ? { readOnly } : {}),
    ...(options.includes('nocopy') ? { nocopy: true } : {}),
  };
}

const LONG_MOUNT_KEYS = new Set([
  'type',
  'source',
  'target',
  'read_only',
  'bind',
  'volume',
  'tmpfs',
  'consistency',
]);

function parseLongMount(
  value: Record<string, unknown>,
  path: PathSegment[],
  ctx: ImportContext,
  volumeIdOf: VolumeIdOf,
): Mount | undefined {
  reportUnknownKeys(value, LONG_MOUNT_KEYS, path, ctx, 'Volume');
  const type = scalarText(value['type']);
  const target = scalarText(value['target']);
  const source = scalarText(value['source']);
  const readOnly = optionalBoolean(value['read_only'], [...path, 'read_only'], ctx);
  if (target === undefined) {
    ctx.invalid(path, 'A long-syntax volume needs a target.');
    return undefined;
  }
  const ro = readOnly === undefined ? {} : { readOnly };
  const sub = (key: string): Record<string, unknown> => (isRecord(value[key]) ? value[key] : {});
  switch (type) {
    case 'volume': {
      const opts = sub('volume');
      reportUnknownKeys(opts, new Set(['nocopy', 'subpath']), [...path, 'volume'], ctx, 'Volume option');
      const nocopy = optionalBoolean(opts['nocopy'], [...path, 'volume', 'nocopy'], ctx);
      const subpath = scalarText(opts['subpath']);
      return {
        type: 'volume',
        ...(source ? { source: volumeIdOf(source, [...path, 'source']) } : {}),
        target,
        ...ro,
        ...(nocopy === undefined ? {} : { nocopy }),
        ...(subpath === undefined ? {} : { subpath }),
      };
    }
    case 'bind': {
      const opts = sub('bind');
      reportUnknownKeys(
        opts,
        new Set(['propagation', 'create_host_path', 'selinux']),
        [...path, 'bind'],
        ctx,
        'Bind option',
      );
      if (source === undefined) {
        ctx.invalid(path, 'A bind mount needs a source.');
        return undefined;
      }
      const propagation = scalarText(opts['propagation']);
      const create = optionalBoolean(opts['create_host_path'], [...path, 'bind', 'create_host_path'], ctx);
      const selinux = opts['selinux'] === 'z' || opts['selinux'] === 'Z' ? opts['selinux'] : undefined;
      // Long syntax does not create a missing host path unless told to (short syntax does).
      // The topology omits createHostPath for "create it" (the short-syntax default), so true reads as omitted.
      return {
        type: 'bind',
        source,
        target,
        ...ro,
        ...(create === true ? {} : { createHostPath: false }),
        ...(propagation ? { propagation } : {}),
        ...(selinux ? { selinux } : {}),
      };
    }
    case 'tmpfs': {
      const opts = sub('tmpfs');
      reportUnknownKeys(opts, new Set(['size', 'mode']), [...path, 'tmpfs'], ctx, 'Tmpfs option');
      const size = typeof opts['size'] === 'number' ? opts['size'] : scalarText(opts['size']);
      const mode = optionalInt(opts['mode'], [...path, 'tmpfs', 'mode'], ctx);
      return {
        type: 'tmpfs',
        target,
        ...(size === undefined ? {} : { size }),
        ...(mode === undefined ? {} : { mode }),
      };
    }
    default:
      ctx.unsupported(
        path,
        `Volume type "${type ?? '(none)'}" is not supported; the mount at ${target} was not imported.`,
      );
      return undefined;
  }
}
