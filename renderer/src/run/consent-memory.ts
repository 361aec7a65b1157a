/*
 * Fingerprints of dangerous settings the user agreed to run, kept in localStorage so the
 * question is asked once per exact set of settings (a changed setting has another fingerprint).
 */

const KEY = 'dockwright.consent.v1';
/** Oldest answers go first beyond this many; each is 64 hex characters. */
const LIMIT = 200;

function read(storage: Storage | undefined): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can be switched off; then every run asks.
    return undefined;
  }
}

export function isConsented(fingerprint: string, storage = defaultStorage()): boolean {
  return read(storage).includes(fingerprint);
}

export function rememberConsent(fingerprint: string, storage = defaultStorage()): void {
  const kept = read(storage).filter((item) => item !== fingerprint);
  kept.push(fingerprint);
  try {
    storage?.setItem(KEY, JSON.stringify(kept.slice(-LIMIT)));
  } catch {
    // A full or disabled storage only means the question comes again next time.
  }
}
