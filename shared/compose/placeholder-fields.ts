import type { PathSegment } from '../topology/problem';

/**
 * The Compose fields whose values keep their `${VAR}` references in a topology (resolved by the
 * run, from the environment of whoever starts it), by their path in a Compose file: a service's
 * `environment` values and `build.args` values (`value`, or the part after `=` of a list `entry`),
 * and the `content` of top-level secrets and configs. Import keeps the references there; export
 * writes them back as references. Every other field is interpolated at import.
 */
export function placeholderField(path: readonly PathSegment[]): 'value' | 'entry' | undefined {
  const [section, , field, sub, key] = path;
  if (section === 'services') {
    if (field === 'environment' && path.length === 4) return typeof sub === 'number' ? 'entry' : 'value';
    if (field === 'build' && sub === 'args' && path.length === 5)
      return typeof key === 'number' ? 'entry' : 'value';
  }
  if ((section === 'secrets' || section === 'configs') && field === 'content' && path.length === 3)
    return 'value';
  return undefined;
}
