import { MAX_PAYLOAD_CHARS, MAX_PAYLOAD_DEPTH } from './envelope';

export type PayloadVerdict = { ok: true } | { ok: false; reason: 'too-large' | 'too-deep'; limit: number };

/**
 * Measures a structured payload without serialising it, and stops as soon as a limit is passed,
 * so a hostile 5 MB string or a 100,000-level nesting costs no more than the limit to reject.
 */
export function checkPayload(
  value: unknown,
  maxChars: number = MAX_PAYLOAD_CHARS,
  maxDepth: number = MAX_PAYLOAD_DEPTH,
): PayloadVerdict {
  let total = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (depth > maxDepth) return { ok: false, reason: 'too-deep', limit: maxDepth };
    if (typeof current === 'string') {
      total += current.length;
    } else if (Array.isArray(current)) {
      total += current.length;
      if (total > maxChars) return { ok: false, reason: 'too-large', limit: maxChars };
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        total += key.length + 1;
        stack.push({ value: item, depth: depth + 1 });
      }
    } else {
      total += 8;
    }
    if (total > maxChars) return { ok: false, reason: 'too-large', limit: maxChars };
  }
  return { ok: true };
}
