import { isMap, isScalar, isSeq } from 'yaml';
import { isRaw, OverrideValue, ResetValue } from '../topology/merge-values';
import type { YamlSource } from '../topology/yaml-source';

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
export function withMergeTags(text: string, value: unknown, source: YamlSource): unknown {
  if (!text.includes('!reset') && !text.includes('!override')) return value;
  // The syntax tree readYaml built (its nesting already bounded) still has the tags.
  const found: Tagged[] = [];
  tagged(source.contents, [], found);
  return applyTags(value, found);
}

/**
 * Puts the markers in, copying each object on the way to a tag once (never the same object once
 * per tag: a mapping with thousands of tagged keys stays linear). The parsed value is not changed.
 */
function applyTags(value: unknown, found: readonly Tagged[]): unknown {
  const copies = new WeakSet<object>();
  const copy = (raw: Record<string, unknown>): Record<string, unknown> => {
    if (copies.has(raw)) return raw;
    const made = { ...raw };
    copies.add(made);
    return made;
  };
  let root = value;
  for (const { path, tag } of found) {
    const last = path.at(-1);
    if (last === undefined) {
      root = marker(root, tag);
      continue;
    }
    if (!isRaw(root)) continue;
    root = copy(root);
    let parent: Record<string, unknown> | undefined = root as Record<string, unknown>;
    for (const key of path.slice(0, -1)) {
      const child: unknown = parent[key];
      if (!Object.hasOwn(parent, key) || !isRaw(child)) {
        parent = undefined;
        break;
      }
      const made = copy(child);
      parent[key] = made;
      parent = made;
    }
    if (parent !== undefined && Object.hasOwn(parent, last)) parent[last] = marker(parent[last], tag);
  }
  return root;
}

function marker(value: unknown, tag: Tagged['tag']): unknown {
  return tag === '!reset' ? new ResetValue() : new OverrideValue(value);
}
