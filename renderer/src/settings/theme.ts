import type { ThemeChoice } from '../../../shared/ipc/contract';

export type Theme = 'light' | 'dark';

const CACHE_KEY = 'dockwright.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme a choice means now: `system` follows the operating system's preference. */
export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): Theme {
  return choice === 'system' ? (prefersDark ? 'dark' : 'light') : choice;
}

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/**
 * Puts the theme on <html data-theme> (styles.css's tokens follow it), and keeps following the
 * system for `system`. The choice is also cached in localStorage, only so that the next start
 * paints in the right colours before the settings have arrived. Returns a stop function.
 */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): () => void {
  const set = () => {
    root.dataset.theme = resolveTheme(choice, prefersDark());
  };
  set();
  try {
    localStorage.setItem(CACHE_KEY, choice);
  } catch {
    // Storage may be off (private windows): the settings still apply once they arrive.
  }
  if (choice !== 'system' || typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', set);
  return () => query.removeEventListener('change', set);
}

/** The choice cached by the last run, for the first paint. */
export function cachedThemeChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(CACHE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}
