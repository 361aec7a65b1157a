import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { isRaw, OverrideValue, ResetValue } from '../topology/merge-values';

/*
 * The Compose spec's `!reset` and `!override` tags: YAML tags that the plain value loses, so they
 * are found in the syntax tree and put back into the value as markers the merge understands.
 */

type Tagged = { readonly path: readonly string[]; readonly tag: '!reset' | '!override' };

function tagged(node: unknown, path: readonly string[], out: Tagged[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const at = [...path, String(pair.key.value)];
      const value = pair.value;
      const tag = isScalar(value) || isMap(value) || isSeq(value) ? value.tag : undefined;
      if (tag === '!reset' || tag === '!override') out.push({ path: at, tag });
      tagged(value, at, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => tagged(item, [...path, String(i)], out));
  }
}

/** `value` (parsed from `text`) with `!reset` and `!override` fields turned into merge markers. */
export function withMergeTags(text: string, value: unknown): unknown {
  if (!text.includes('!reset') && !text.includes('!override')) return value;
  // The text has passed readYaml's limits already; this parse only looks at tags.
  const found: Tagged[] = [];
  tagged(parseDocument(text, { merge: true }).contents, [], found);
  let root = value;
  for (const { path, tag } of found) root = replaceAt(root, path, tag);
  return root;
}

function replaceAt(value: unknown, path: readonly string[], tag: Tagged['tag']): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return tag === '!reset' ? new ResetValue() : new OverrideValue(value);
  if (!isRaw(value) || !Object.hasOwn(value, key)) return value;
  return { ...value, [key]: replaceAt(value[key], rest, tag) };
}
