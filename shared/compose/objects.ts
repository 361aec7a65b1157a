/** Drops undefined fields, so the YAML has no `key: null` noise and the object stays typed. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The object, or undefined when it has no fields (an empty section is left out). */
export function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}
