import type { Build, Healthcheck, ServiceNode } from '../topology/model';
import type { PathSegment } from '../topology/problem';
import {
  durationText,
  isRecord,
  keyValueMap,
  optionalBoolean,
  optionalInt,
  reportUnknownKeys,
  scalarText,
  stringList,
  stringMap,
  type ImportContext,
} from './import-context';
import { compact } from './objects';

/* Service fields that map one to one, each normalized from Compose's several spellings. */

export function importBuild(value: unknown, path: PathSegment[], ctx: ImportContext): Build | undefined {
  if (value === undefined || value === null) return undefined;
  const text = scalarText(value);
  if (text !== undefined) return { context: text };
  if (!isRecord(value)) return void ctx.invalid(path, 'build must be a path or a mapping.');
  reportUnknownKeys(
    value,
    new Set(['context', 'dockerfile', 'target', 'args', 'labels', 'cache_from', 'network']),
    path,
    ctx,
    'Build',
  );
  return compact({
    context: scalarText(value['context']) ?? '.',
    dockerfile: scalarText(value['dockerfile']),
    target: scalarText(value['target']),
    args: keyValueMap(value['args'], [...path, 'args'], ctx),
    labels: stringMap(value['labels'], [...path, 'labels'], ctx),
    cacheFrom: stringList(value['cache_from'], [...path, 'cache_from'], ctx),
    network: scalarText(value['network']),
  });
}

const PULL_POLICIES = new Set(['always', 'never', 'missing', 'if_not_present', 'build', 'daily', 'weekly']);

export function importPullPolicy(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): ServiceNode['pullPolicy'] {
  const text = scalarText(value);
  if (text === undefined) return undefined;
  if (PULL_POLICIES.has(text)) return text as ServiceNode['pullPolicy'];
  ctx.unsupported(path, `pull_policy "${text}" is not supported and was not imported.`);
  return undefined;
}

export function importEnvFiles(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry, i) => {
    if (isRecord(entry)) {
      if (entry['required'] === false)
        ctx.unsupported(
          [...path, i, 'required'],
          `env_file "${String(entry['path'])}" is optional in Compose; Dockwright will require it.`,
        );
      const file = scalarText(entry['path']);
      return file === undefined ? [] : [file];
    }
    const file = scalarText(entry);
    return file === undefined ? [] : [file];
  });
}

export function importDevices(value: unknown, path: PathSegment[], ctx: ImportContext): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return void ctx.invalid(path, 'devices must be a list.');
  return value.flatMap((entry, i) => {
    if (isRecord(entry)) {
      ctx.converted([...path, i], 'A long-syntax device became the short form source:target:permissions.');
      return [
        [entry['source'], entry['target'] ?? entry['source'], entry['permissions']]
          .filter((p) => p !== undefined)
          .map(String)
          .join(':'),
      ];
    }
    const text = scalarText(entry);
    return text === undefined ? [] : [text];
  });
}

export function importUlimits(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): ServiceNode['ulimits'] {
  if (!isRecord(value)) return undefined;
  const out: NonNullable<ServiceNode['ulimits']> = {};
  for (const [name, limit] of Object.entries(value)) {
    if (isRecord(limit)) {
      const soft = optionalInt(limit['soft'], [...path, name, 'soft'], ctx);
      const hard = optionalInt(limit['hard'], [...path, name, 'hard'], ctx);
      if (soft !== undefined && hard !== undefined) out[name] = { soft, hard };
    } else {
      const n = optionalInt(limit, [...path, name], ctx);
      if (n !== undefined) out[name] = n;
    }
  }
  return out;
}

export function importExtraHosts(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): string[] | undefined {
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([host, ips]) =>
      (Array.isArray(ips) ? ips : [ips]).map((ip) => `${host}:${String(ip)}`),
    );
  }
  return stringList(value, path, ctx);
}

export function importLogging(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): ServiceNode['logging'] {
  if (!isRecord(value)) return undefined;
  reportUnknownKeys(value, new Set(['driver', 'options']), path, ctx, 'Logging');
  return compact({
    driver: scalarText(value['driver']),
    options: keyValueMap(value['options'], [...path, 'options'], ctx),
  });
}

export function importHealthcheck(
  value: unknown,
  path: PathSegment[],
  ctx: ImportContext,
): Healthcheck | undefined {
  if (!isRecord(value)) return undefined;
  reportUnknownKeys(
    value,
    new Set(['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable']),
    path,
    ctx,
    'Healthcheck',
  );
  const test = Array.isArray(value['test'])
    ? stringList(value['test'], [...path, 'test'], ctx)
    : scalarText(value['test']);
  const disable = optionalBoolean(value['disable'], [...path, 'disable'], ctx);
  if (test === undefined && disable !== true) {
    ctx.unsupported(
      path,
      "A healthcheck without a test (inheriting the image's) cannot be represented; its timings were not imported.",
    );
    return undefined;
  }
  return compact({
    test: test ?? ['NONE'],
    interval: durationText(value['interval'], [...path, 'interval'], ctx),
    timeout: durationText(value['timeout'], [...path, 'timeout'], ctx),
    retries: optionalInt(value['retries'], [...path, 'retries'], ctx),
    startPeriod: durationText(value['start_period'], [...path, 'start_period'], ctx),
    startInterval: durationText(value['start_interval'], [...path, 'start_interval'], ctx),
    disable,
  });
}

export function importRestart(value: unknown, path: PathSegment[], ctx: ImportContext): string | undefined {
  if (value === undefined || value === null) return undefined;
  // `restart: no` unquoted is the boolean false to YAML 1.1 readers.
  const text = value === false ? 'no' : scalarText(value);
  if (text !== undefined && /^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(text)) return text;
  ctx.invalid(path, `restart ${JSON.stringify(value)} is not no, always, unless-stopped or on-failure[:N].`);
  return undefined;
}
