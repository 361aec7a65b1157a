import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { profilesOf } from '../../../shared/topology/profiles';
import type { AppState } from '../store/app-store';
import { documentKey } from '../store/profile-slice';

/** The chosen profiles the document still uses (a removed profile is no longer sent). */
export function stillInUse(chosen: readonly string[] | undefined, inUse: readonly string[]): string[] {
  return (chosen ?? []).filter((profile) => inUse.includes(profile));
}

/**
 * The profile part of a start request: nothing for a document without profiles; otherwise the
 * chosen ones, and an idempotency key of their own (the same document with other profiles is
 * another request to the main side, which would refuse a reused key).
 */
export function withActiveProfiles(
  state: AppState,
  idempotencyKey: string,
): { idempotencyKey: string; profiles?: string[] } {
  const inUse = profilesOf(state.doc);
  if (inUse.length === 0) return { idempotencyKey };
  const profiles = stillInUse(state.activeProfiles[documentKey(state)], inUse);
  const suffix = bytesToHex(sha256(utf8ToBytes(JSON.stringify(profiles)))).slice(0, 12);
  return { idempotencyKey: `${idempotencyKey}-p${suffix}`, profiles };
}
