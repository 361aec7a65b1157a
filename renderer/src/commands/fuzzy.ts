/**
 * A fuzzy match for the palette: every character of the query, in order, somewhere in the text
 * (case-insensitive). Null when it does not match; else a score, higher is better: characters
 * in a row and at word starts count more, and a match early in the text more than a late one.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let at = -1;
  let run = 0;
  for (const char of q) {
    if (char === ' ') {
      run = 0;
      continue;
    }
    const found = t.indexOf(char, at + 1);
    if (found < 0) return null;
    run = found === at + 1 ? run + 1 : 1;
    const wordStart = found === 0 || /[\s.:/…-]/.test(t[found - 1] ?? '');
    score += run * 2 + (wordStart ? 5 : 0);
    at = found;
  }
  return score - t.indexOf(q[0] ?? '') * 0.1;
}

/** The items that match, best first (ties keep their order). */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
