/** What a YAML text may cost before it is refused; every check is linear in the text. */
export interface YamlLimits {
  /** Largest accepted document, in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of mappings and sequences, in the text and with aliases expanded. */
  readonly maxDepth: number;
  /** Values in the document with every alias expanded: what later walks of the value visit. */
  readonly maxExpandedNodes: number;
}

/*
 * 10 MiB holds a topology of some 14,000 nodes. The expanded-values bound is what stops an alias
 * bomb ("billion laughs"): aliases are cheap to read (each anchor is converted once), but every walk
 * after the reader (interpolation, merge, the schema) visits each alias as a copy.
 */
export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 100,
  maxExpandedNodes: 2_000_000,
};
