// Texts that cost a careless YAML reader time or memory, for the yaml-limits benchmark.

/** The "billion laughs": nine levels of nine aliases each. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
    lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Each mapping merges the one before it twice: doubling, through merge keys only. */
function mergeBomb(levels = 40): string {
  const lines = ['a0: &a0 {k: v}'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} {x: [*a${i - 1}, *a${i - 1}], <<: *a${i - 1}}`);
  return `${lines.join('\n')}\n`;
}

const flowNesting = (depth: number): string => `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
const seqNesting = (depth: number): string => `${'- '.repeat(depth)}x\n`;

/** One flat mapping: what yaml's uniqueKeys check compares pairwise. */
const manyKeys = (n: number): string =>
  Array.from({ length: n }, (_, i) => `key-${i}: value-${i}`).join('\n');

/** n anchors, each used once: what yaml's toJS() looks up by walking every anchor before it. */
function anchors(n: number): string {
  const defined = Array.from({ length: n }, (_, i) => `  - &a${i} x${i}\n`).join('');
  const used = Array.from({ length: n }, (_, i) => `  - *a${i}\n`).join('');
  return `a:\n${defined}b:\n${used}`;
}

const oversized = (mib: number): string => `a: "${'x'.repeat(mib * 1024 * 1024)}"\n`;

export const HOSTILE = { aliasBomb, mergeBomb, flowNesting, seqNesting, manyKeys, anchors, oversized };
