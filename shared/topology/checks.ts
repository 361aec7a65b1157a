/* Pure predicates over single values, shared by validation and Compose import. */

const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** What Docker accepts for container, volume and network names. */
export function isDockerName(value: string): boolean {
  return value.length <= 255 && DOCKER_NAME.test(value);
}

/** An RFC 1123 label, which every resolver and HTTP client accepts as a host name. */
export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value.toLowerCase()) && value === value.toLowerCase();
}

export function isProjectName(value: string): boolean {
  return PROJECT_NAME.test(value);
}

/* The grammar of github.com/distribution/reference. */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export function isImageReference(value: string): boolean {
  let rest = value;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!DIGEST.test(rest.slice(at + 1))) return false;
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    if (!TAG.test(rest.slice(colon + 1))) return false;
    rest = rest.slice(0, colon);
  }
  if (rest.length === 0 || rest.length > 255) return false;
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  // The first component is a registry only if it looks like a host: a dot, a port, or localhost.
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))
  ) {
    if (!DOMAIN.test(first)) return false;
    parts.shift();
  }
  return parts.every((part) => PATH_COMPONENT.test(part));
}

export interface PortRange {
  readonly start: number;
  readonly end: number;
}

/** `8080` or `8000-8010`; undefined when malformed. Bounds are not checked here. */
export function parsePortRange(value: number | string): PortRange | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? { start: value, end: value } : undefined;
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(value.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  return { start, end: match[2] === undefined ? start : Number(match[2]) };
}

export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Linux absolute paths, and Windows container paths (`C:\data`, `\\.\pipe\x`). */
export function isAbsoluteContainerPath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

export function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return false;
  const address = value.slice(0, slash);
  const bitsText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return false;
  const bits = Number(bitsText);
  if (address.includes(':')) return bits <= 128 && isIpv6(address);
  return bits <= 32 && isIpv4(address);
}

export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isIpv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || (value.match(/::/g) ?? []).length > 1) return false;
  const groups = value.split(':');
  return (
    groups.length >= 3 &&
    groups.length <= 8 &&
    groups.every((g) => g === '' || /^[0-9a-fA-F]{1,4}$/.test(g) || isIpv4(g))
  );
}
