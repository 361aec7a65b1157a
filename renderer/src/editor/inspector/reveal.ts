import { pathKey, type Path } from './paths';

/**
 * The input for a field path (`ports.0.published`): that field, else the first field inside it
 * (`ports.0` -> its first input), else the nearest enclosing one; the first field for the node.
 */
export function findField(root: HTMLElement, path: Path): HTMLElement | null {
  const fields = [...root.querySelectorAll<HTMLElement>('[data-path]')];
  for (let n = path.length; n > 0; n--) {
    const key = pathKey(path.slice(0, n));
    const found =
      fields.find((el) => el.dataset.path === key && isFocusable(el)) ??
      fields.find((el) => el.dataset.path?.startsWith(`${key}.`) && isFocusable(el)) ??
      fields.find((el) => el.dataset.path === key);
    if (found) return found;
  }
  return fields.find(isFocusable) ?? null;
}

function isFocusable(el: HTMLElement): boolean {
  return (
    el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
  );
}

/** Opens the sections around the field, focuses it and scrolls it into view. */
export function revealField(root: HTMLElement, path: Path): HTMLElement | null {
  const el = findField(root, path);
  if (!el) return null;
  for (let at = el.parentElement; at && at !== root; at = at.parentElement) {
    if (at instanceof HTMLDetailsElement) at.open = true;
  }
  const target = isFocusable(el) ? el : el.querySelector<HTMLElement>('input, select, textarea');
  target?.focus();
  // Not in every DOM (jsdom has none).
  (target ?? el).scrollIntoView?.({ block: 'nearest' });
  return target ?? el;
}
