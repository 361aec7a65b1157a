/*
 * The app's commands, in one table: the desktop menu (electron/main/menu-template.ts) and the
 * command palette (renderer/src/commands/) are both built from it, so they list the same entries
 * with the same names and shortcuts. Pure data: what a command does lives in the renderer.
 */

export const APP_COMMAND_IDS = [
  'file.new',
  'file.newFromTemplate',
  'file.open',
  'file.openFromDisk',
  'file.openRecent',
  'file.save',
  'file.saveAs',
  'file.importCompose',
  'file.exportCompose',
  'file.settings',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.selectAll',
  'edit.findNode',
  'view.commandPalette',
  'view.zoomIn',
  'view.zoomOut',
  'view.fit',
  'view.autoLayout',
  'view.panel.problems',
  'view.panel.logs',
  'view.panel.traces',
  'view.panel.metrics',
  'view.panel.health',
  'view.panel.history',
  'view.theme.light',
  'view.theme.dark',
  'view.theme.system',
  'run.run',
  'run.stop',
  'run.cleanup',
  'run.rerun',
  'help.welcome',
  'help.docs',
  'help.about',
] as const;

export type AppCommandId = (typeof APP_COMMAND_IDS)[number];

export type MenuSection = 'File' | 'Edit' | 'View' | 'Run' | 'Help';

export interface AppCommand {
  readonly id: AppCommandId;
  /** As the menu and the palette show it. */
  readonly label: string;
  readonly section: MenuSection;
  /** An Electron accelerator (`CmdOrCtrl+Shift+S`); the palette shows it and the renderer matches it. */
  readonly shortcut?: string;
  /** Set when the command exists in name only for now: shown disabled, with this reason. */
  readonly unavailable?: string;
  /** Where the menu puts a separator before this entry. */
  readonly separatorBefore?: boolean;
  /** Not in the palette (the palette itself, and entries only a menu needs). */
  readonly menuOnly?: boolean;
  /** Words the palette's filter also matches. */
  readonly keywords?: string;
}

export const APP_COMMANDS: readonly AppCommand[] = [
  { id: 'file.new', label: 'New', section: 'File', shortcut: 'CmdOrCtrl+N', keywords: 'blank empty' },
  {
    id: 'file.newFromTemplate',
    label: 'New from template…',
    section: 'File',
    keywords: 'gallery example sample',
  },
  { id: 'file.open', label: 'Open…', section: 'File', shortcut: 'CmdOrCtrl+O', separatorBefore: true },
  { id: 'file.openFromDisk', label: 'Open from disk…', section: 'File', keywords: 'file picker upload' },
  { id: 'file.openRecent', label: 'Open Recent', section: 'File', menuOnly: true },
  { id: 'file.save', label: 'Save', section: 'File', shortcut: 'CmdOrCtrl+S', separatorBefore: true },
  { id: 'file.saveAs', label: 'Save As…', section: 'File', shortcut: 'CmdOrCtrl+Shift+S' },
  {
    id: 'file.importCompose',
    label: 'Import Compose…',
    section: 'File',
    separatorBefore: true,
    keywords: 'docker-compose yaml',
  },
  { id: 'file.exportCompose', label: 'Export Compose…', section: 'File', keywords: 'docker-compose yaml' },
  {
    id: 'file.settings',
    label: 'Settings…',
    section: 'File',
    shortcut: 'CmdOrCtrl+,',
    separatorBefore: true,
    keywords: 'preferences engine theme otlp',
  },
  { id: 'file.close', label: 'Close Window', section: 'File', shortcut: 'CmdOrCtrl+W', menuOnly: true },
  { id: 'edit.undo', label: 'Undo', section: 'Edit', shortcut: 'CmdOrCtrl+Z' },
  { id: 'edit.redo', label: 'Redo', section: 'Edit', shortcut: 'CmdOrCtrl+Shift+Z' },
  { id: 'edit.cut', label: 'Cut', section: 'Edit', shortcut: 'CmdOrCtrl+X', separatorBefore: true },
  { id: 'edit.copy', label: 'Copy', section: 'Edit', shortcut: 'CmdOrCtrl+C' },
  { id: 'edit.paste', label: 'Paste', section: 'Edit', shortcut: 'CmdOrCtrl+V' },
  { id: 'edit.selectAll', label: 'Select All', section: 'Edit', shortcut: 'CmdOrCtrl+A' },
  {
    id: 'edit.findNode',
    label: 'Find node…',
    section: 'Edit',
    shortcut: 'CmdOrCtrl+F',
    separatorBefore: true,
    keywords: 'search go to select',
  },
  {
    id: 'view.commandPalette',
    label: 'Command palette…',
    section: 'View',
    shortcut: 'CmdOrCtrl+K',
    menuOnly: true,
  },
  { id: 'view.zoomIn', label: 'Zoom in', section: 'View', separatorBefore: true, keywords: 'canvas' },
  { id: 'view.zoomOut', label: 'Zoom out', section: 'View', keywords: 'canvas' },
  { id: 'view.fit', label: 'Fit view', section: 'View', keywords: 'canvas zoom' },
  { id: 'view.autoLayout', label: 'Auto layout', section: 'View', keywords: 'arrange dagre' },
  {
    id: 'view.panel.problems',
    label: 'Show Problems',
    section: 'View',
    separatorBefore: true,
    keywords: 'panel errors',
  },
  { id: 'view.panel.logs', label: 'Show Logs', section: 'View', keywords: 'panel' },
  { id: 'view.panel.traces', label: 'Show Traces', section: 'View', keywords: 'panel spans' },
  { id: 'view.panel.metrics', label: 'Show Metrics', section: 'View', keywords: 'panel charts' },
  { id: 'view.panel.health', label: 'Show Health', section: 'View', keywords: 'panel' },
  { id: 'view.panel.history', label: 'Show History', section: 'View', keywords: 'panel runs past' },
  {
    id: 'view.theme.light',
    label: 'Theme: Light',
    section: 'View',
    separatorBefore: true,
    keywords: 'appearance colours',
  },
  { id: 'view.theme.dark', label: 'Theme: Dark', section: 'View', keywords: 'appearance colours' },
  {
    id: 'view.theme.system',
    label: 'Theme: Follow the system',
    section: 'View',
    keywords: 'appearance colours os auto',
  },
  { id: 'run.run', label: 'Run', section: 'Run', shortcut: 'CmdOrCtrl+Enter', keywords: 'start up' },
  { id: 'run.stop', label: 'Stop', section: 'Run', keywords: 'cancel' },
  { id: 'run.cleanup', label: 'Clean up', section: 'Run', keywords: 'down remove' },
  {
    id: 'run.rerun',
    label: 'Rerun from failure',
    section: 'Run',
    separatorBefore: true,
    keywords: 'retry again failed',
  },
  { id: 'help.welcome', label: 'Welcome', section: 'Help', keywords: 'start first run' },
  { id: 'help.docs', label: 'Documentation', section: 'Help', keywords: 'help manual' },
  {
    id: 'help.about',
    label: 'About Dockwright',
    section: 'Help',
    separatorBefore: true,
    keywords: 'version',
  },
];

const byId = new Map(APP_COMMANDS.map((command) => [command.id, command]));

export function appCommand(id: AppCommandId): AppCommand {
  const command = byId.get(id);
  if (!command) throw new Error(`unknown command ${id}`);
  return command;
}

/** Where the docs live; the desktop's link allow-list lets only such pages out. */
export const DOCS_URL = 'https://github.com/dockwright/dockwright/blob/main/docs/README.md';
