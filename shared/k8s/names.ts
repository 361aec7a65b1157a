/*
 * Kubernetes names. Services must be RFC 1035 labels (a letter first, then letters, digits and
 * dashes, at most 63), and that rule is the strictest of the kinds exported, so every object name
 * follows it: a Deployment and its Service share a name, and so do a volume node and its claim.
 */

const MAX_LABEL = 63;
const RFC1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
  return value.length <= MAX_LABEL && RFC1035_LABEL.test(value);
}

/** The closest RFC 1035 label: lower case, other characters as dashes, a letter first, ≤ max. */
export function dnsLabel(value: string, max = MAX_LABEL): string {
  let name = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '');
  if (!/^[a-z]/.test(name)) name = `x-${name}`;
  name = name.slice(0, max).replace(/-+$/, '');
  return name === '' || name === 'x' ? 'x' : name;
}

/** Names of one kind, unique: a second `web` becomes `web-2`, a long name is cut to make room. */
export class NameTable {
  private readonly used = new Set<string>();

  /** Marks a name as taken (objects whose name is fixed, such as the wait ServiceAccount). */
  reserve(name: string): void {
    this.used.add(name);
  }

  has(name: string): boolean {
    return this.used.has(name);
  }

  allocate(wanted: string): string {
    const base = dnsLabel(wanted);
    let name = base;
    for (let n = 2; this.used.has(name); n++) {
      const suffix = `-${n}`;
      name = `${base.slice(0, MAX_LABEL - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    this.used.add(name);
    return name;
  }
}

/** Keys of Secret and ConfigMap data: letters, digits, `-`, `_` and `.`. */
export function dataKey(value: string): string {
  const key = value.replace(/[^-._a-zA-Z0-9]+/g, '_').slice(0, 253);
  return key === '' || key === '.' || key === '..' ? 'value' : key;
}

/** Kubernetes expands `$(VAR)` in env values, commands and args, and reads `$$` as `$`. */
export function escapeDollars(value: string): string {
  return value.replaceAll('$', '$$$$');
}

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key Kubernetes accepts: `[prefix/]name`, prefix a DNS subdomain ≤ 253, name ≤ 63. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= MAX_LABEL && LABEL_NAME.test(name);
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= MAX_LABEL && LABEL_NAME.test(value));
}
