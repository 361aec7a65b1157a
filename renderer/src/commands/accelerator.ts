/*
 * Electron accelerators (`CmdOrCtrl+Shift+S`) for people and for key presses: the palette shows
 * them the way the platform writes them, and the shortcuts that belong to the palette itself are
 * matched against key events with the same strings the desktop menu shows.
 */

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

const MAC_SYMBOLS: Record<string, string> = { CmdOrCtrl: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
const KEY_NAMES: Record<string, string> = { Enter: '↵', ',': ',' };

/** `CmdOrCtrl+Shift+S` as `Ctrl+Shift+S`, or `⌘⇧S` on macOS. */
export function formatAccelerator(accelerator: string, mac = isMacPlatform()): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  if (mac) return `${parts.map((p) => MAC_SYMBOLS[p] ?? p).join('')}${KEY_NAMES[key] ?? key}`;
  return [...parts.map((p) => (p === 'CmdOrCtrl' ? 'Ctrl' : p)), key].join('+');
}

/** Whether a key press is the accelerator (CmdOrCtrl is Ctrl, or Cmd on macOS). */
export function matchesAccelerator(accelerator: string, event: KeyPress): boolean {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const wantsMod = parts.includes('CmdOrCtrl');
  const wantsShift = parts.includes('Shift');
  const wantsAlt = parts.includes('Alt');
  return (
    event.key.toLowerCase() === key &&
    (event.ctrlKey || event.metaKey) === wantsMod &&
    event.shiftKey === wantsShift &&
    event.altKey === wantsAlt
  );
}
