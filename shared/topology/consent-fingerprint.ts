import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { DangerousSetting } from './dangerous-settings';

/** Changing what is hashed must change this too, so no old consent matches new content. */
const VERSION = 'dockwright-consent/1';

const byContent = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * A stable name for exactly these dangerous settings: SHA-256 (hex) over the sorted
 * (node, setting, value) triples. The order they were found in and the reasons' wording do not
 * count; any change to a node, a field or a value does, so consent to one set is no consent to
 * another.
 */
export function consentFingerprint(settings: readonly DangerousSetting[]): string {
  const triples = settings.map((s) => [s.nodeId, s.setting, s.value]).sort(byContent);
  return bytesToHex(sha256(utf8ToBytes(`${VERSION}\n${JSON.stringify(triples)}`)));
}
