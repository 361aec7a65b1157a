// Test support: turns `docker-compose config` output into a canonical form, so that two files
// meaning the same thing compare equal however each spells ports, volumes or dependencies.
import { isRecord } from '../compose/import-context';

type Json = unknown;

function text(value: Json, fallback = ''): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function sortedStrings(values: string[]): string[] {
  return [...values].sort();
}

function portKey(value: Json): string[] {
  if (isRecord(value)) {
    return [
      `${text(value['host_ip'])}|${text(value['published'])}|${text(value['target'])}|${text(value['protocol'], 'tcp')}`,
    ];
  }
  const [spec = '', protocol = 'tcp'] = text(value).split('/');
  const parts = spec.split(':');
  const target = parts.pop() ?? '';
  const published = parts.pop() ?? '';
  return [`${parts.join(':')}|${published}|${target}|${protocol}`];
}

function volumeKey(value: Json): string {
  if (isRecord(value)) {
    return `${text(value['type'])}|${text(value['source'])}|${text(value['target'])}|${value['read_only'] === true ? 'ro' : 'rw'}`;
  }
  const parts = text(value).split(':');
  if (parts.length === 1) return `volume||${parts[0] ?? ''}|rw`;
  const [source = '', target = '', mode = ''] = parts;
  const type = source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume';
  return `${type}|${source}|${target}|${mode.split(',').includes('ro') ? 'ro' : 'rw'}`;
}

function dependsOn(value: Json): Record<string, Json> {
  if (Array.isArray(value))
    return Object.fromEntries(value.map((name) => [text(name), { condition: 'service_started' }]));
  return isRecord(value) ? value : {};
}

function networks(value: Json): Record<string, Json> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [text(name), null]));
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isRecord(v) && Object.keys(v).length > 0 ? v : null]),
  );
}

function grants(value: Json): string[] {
  if (!Array.isArray(value)) return [];
  return sortedStrings(
    value.map((g) => (isRecord(g) ? JSON.stringify(g) : JSON.stringify({ source: text(g) }))),
  );
}

function environment(value: Json): Record<string, string | null> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => {
        const line = text(entry);
        const at = line.indexOf('=');
        return at === -1 ? [line, null] : [line.slice(0, at), line.slice(at + 1)];
      }),
    );
  }
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v === null ? null : text(v)]));
}

/** Canonical service: every field kept, the many-spellings fields rewritten, Dockwright's own x- field dropped. */
export function canonicalService(service: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(service)) {
    if (key === 'x-dockwright') continue;
    switch (key) {
      case 'ports':
        out[key] = sortedStrings(Array.isArray(value) ? value.flatMap(portKey) : []);
        break;
      case 'volumes':
        out[key] = sortedStrings(Array.isArray(value) ? value.map(volumeKey) : []);
        break;
      case 'depends_on':
        out[key] = dependsOn(value);
        break;
      case 'networks':
        out[key] = networks(value);
        break;
      case 'secrets':
      case 'configs':
        out[key] = grants(value);
        break;
      case 'environment':
        out[key] = environment(value);
        break;
      case 'expose':
        out[key] = sortedStrings(Array.isArray(value) ? value.map((v) => text(v)) : []);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

export function canonicalConfig(config: Json): Record<string, Json> {
  if (!isRecord(config)) return {};
  const services = isRecord(config['services']) ? config['services'] : {};
  return {
    services: Object.fromEntries(
      Object.entries(services).map(([name, s]) => [name, canonicalService(isRecord(s) ? s : {})]),
    ),
    volumes: config['volumes'] ?? {},
    networks: config['networks'] ?? {},
    secrets: config['secrets'] ?? {},
    configs: config['configs'] ?? {},
  };
}
