import {
  APP_COMMANDS,
  type AppCommand,
  type AppCommandId,
  type MenuSection,
} from '../../shared/commands/app-commands';

/*
 * The application menu as data, from the shared command table: pure, so it is tested without
 * Electron. menu.ts turns it into Electron's Menu. Every entry of ours sends one `app.command`
 * event to the renderer, which does the work; Electron's own roles (cut, copy, paste, zoom of the
 * whole window, full screen, quit) stay Electron's.
 */

export type MenuRole =
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'quit'
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'minimize'
  | 'close';

export interface MenuEntry {
  readonly label?: string;
  readonly type?: 'separator' | 'submenu';
  readonly role?: MenuRole;
  readonly command?: AppCommandId;
  /** For `file.openRecent` entries: the file. */
  readonly path?: string;
  readonly accelerator?: string;
  /**
   * False for shortcuts the page handles itself (undo in the canvas, save, …): the menu shows
   * them, but the key press goes to the page, so a text field keeps its own undo.
   */
  readonly registerAccelerator?: boolean;
  readonly enabled?: boolean;
  readonly toolTip?: string;
  readonly submenu?: readonly MenuEntry[];
}

export interface MenuOptions {
  /** macOS: the app menu first, Settings and About in it. */
  readonly mac: boolean;
  /** Files for Open Recent, most recent first. */
  readonly recent: readonly string[];
  /** Development builds get DevTools. */
  readonly devTools: boolean;
}

/** Edit entries that are Electron roles: they act on the focused text field natively. */
const ROLE_OF: Partial<Record<AppCommandId, MenuRole>> = {
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
};

/** Shortcuts the menu owns: the page has no handler for Close Window (Cmd+W on macOS never reaches it). */
const MENU_OWNED: ReadonlySet<AppCommandId> = new Set(['file.close']);

function entryFor(command: AppCommand, options: MenuOptions): MenuEntry[] {
  const entries: MenuEntry[] = [];
  if (command.separatorBefore) entries.push({ type: 'separator' });
  if (command.id === 'file.openRecent') {
    entries.push({
      label: command.label,
      type: 'submenu',
      submenu:
        options.recent.length === 0
          ? [{ label: 'No recent files', enabled: false }]
          : options.recent.map((path) => ({ label: path, command: 'file.openRecent' as const, path })),
    });
    return entries;
  }
  const role = ROLE_OF[command.id];
  entries.push({
    label: command.label,
    ...(role ? { role } : { command: command.id }),
    ...(command.shortcut
      ? {
          accelerator: command.shortcut,
          registerAccelerator: role !== undefined || MENU_OWNED.has(command.id),
        }
      : {}),
    ...(command.unavailable ? { enabled: false, toolTip: command.unavailable } : {}),
  });
  return entries;
}

function section(name: MenuSection, options: MenuOptions): MenuEntry[] {
  return APP_COMMANDS.filter((command) => command.section === name)
    .filter((command) => !(options.mac && (command.id === 'file.settings' || command.id === 'help.about')))
    .flatMap((command) => entryFor(command, options));
}

const withoutLeadingSeparator = (entries: MenuEntry[]) =>
  entries[0]?.type === 'separator' ? entries.slice(1) : entries;

export function menuTemplate(options: MenuOptions): MenuEntry[] {
  const menu = (label: string, entries: MenuEntry[]): MenuEntry => ({
    label,
    type: 'submenu',
    submenu: withoutLeadingSeparator(entries),
  });
  const settings = APP_COMMANDS.find((c) => c.id === 'file.settings');
  const about = APP_COMMANDS.find((c) => c.id === 'help.about');
  const app: MenuEntry[] = options.mac
    ? [
        menu('Dockwright', [
          { label: about?.label ?? 'About', command: 'help.about' },
          { type: 'separator' },
          {
            label: 'Settings…',
            command: 'file.settings',
            accelerator: settings?.shortcut ?? 'CmdOrCtrl+,',
            registerAccelerator: false,
          },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit' },
        ]),
      ]
    : [];
  return [
    ...app,
    menu('File', [
      ...section('File', options),
      ...(options.mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ]),
    menu('Edit', section('Edit', options)),
    menu('View', [
      ...section('View', options),
      { type: 'separator' },
      { role: 'resetZoom', label: 'Actual Size (window)' },
      { role: 'zoomIn', label: 'Zoom In (window)' },
      { role: 'zoomOut', label: 'Zoom Out (window)' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.devTools ? [{ role: 'toggleDevTools' as const }] : []),
    ]),
    menu('Run', section('Run', options)),
    menu('Help', section('Help', options)),
  ];
}
