import type { Problem } from '../topology/problem';
import { readYaml, type YamlLimits, type YamlSource } from '../topology/yaml-source';
import type { FileHost } from './file-host';
import { withMergeTags } from './merge-tags';

/** One file read for a merge: its parsed value, and its source to locate problems in. */
export interface Layer {
  /** Absolute path. */
  readonly path: string;
  /** As shown to the person. */
  readonly name: string;
  readonly value: unknown;
  readonly source: YamlSource;
}

export type ReadLayerResult =
  | { readonly ok: true; readonly layer: Layer }
  | { readonly ok: false; readonly missing: true; readonly reason: string }
  | { readonly ok: false; readonly missing: false; readonly problems: Problem[] };

/** Reads and parses one file; its YAML problems name the file. */
export function readLayer(
  path: string,
  host: FileHost,
  limits: YamlLimits,
  name: (path: string) => string,
): ReadLayerResult {
  const read = host.read(path);
  if (!read.ok) return { ok: false, missing: true, reason: read.reason };
  const parsed = readYaml(read.text, limits);
  if (!parsed.ok) {
    return { ok: false, missing: false, problems: parsed.problems.map((p) => ({ ...p, file: name(path) })) };
  }
  const value = withMergeTags(read.text, parsed.value, parsed.source);
  return { ok: true, layer: { path, name: name(path), value, source: parsed.source } };
}
