import { describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../../shared/commands/app-commands';
import { menuTemplate, type MenuEntry } from './menu-template';

const linux = { mac: false, recent: ['shop.yaml', 'team/etl.yaml'], devTools: false };

function flatten(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.submenu ?? [])]);
}
const top = (entries: MenuEntry[]) => entries.map((entry) => entry.label);
const find = (entries: MenuEntry[], label: string) => flatten(entries).find((e) => e.label === label);

describe('menuTemplate', () => {
  it('has File, Edit, View, Run and Help, and on macOS the app menu first', () => {
    expect(top(menuTemplate(linux))).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    expect(top(menuTemplate({ ...linux, mac: true }))).toEqual([
      'Dockwright',
      'File',
      'Edit',
      'View',
      'Run',
      'Help',
    ]);
  });

  it('lists every command of the table once (Settings and About move to the app menu on macOS)', () => {
    for (const options of [linux, { ...linux, mac: true }]) {
      const commands = flatten(menuTemplate(options))
        .filter((e) => e.command && e.command !== 'file.openRecent')
        .map((e) => e.command);
      const roles = flatten(menuTemplate(options)).map((e) => e.role);
      for (const command of APP_COMMANDS) {
        if (command.id === 'file.openRecent') continue;
        const asRole = ['edit.cut', 'edit.copy', 'edit.paste', 'edit.selectAll'].includes(command.id);
        if (asRole) expect(roles).toContain(command.id.slice(5));
        else expect(commands.filter((c) => c === command.id)).toHaveLength(1);
      }
    }
  });

  it('File has the entries in order, Open Recent lists the files, and shortcuts are shown', () => {
    const file = menuTemplate(linux)[0]!.submenu!.filter((e) => e.type !== 'separator');
    expect(file.map((e) => e.label ?? e.role)).toEqual([
      'New',
      'New from template…',
      'Open…',
      'Open from disk…',
      'Open Recent',
      'Save',
      'Save As…',
      'Import Compose…',
      'Export Compose…',
      'Settings…',
      'Close Window',
      'quit',
    ]);
    const recent = find(menuTemplate(linux), 'Open Recent');
    expect(recent?.submenu?.map((e) => [e.label, e.command, e.path])).toEqual([
      ['shop.yaml', 'file.openRecent', 'shop.yaml'],
      ['team/etl.yaml', 'file.openRecent', 'team/etl.yaml'],
    ]);
    expect(find(menuTemplate({ ...linux, recent: [] }), 'Open Recent')?.submenu).toEqual([
      { label: 'No recent files', enabled: false },
    ]);
    expect(find(menuTemplate(linux), 'Save As…')).toMatchObject({
      accelerator: 'CmdOrCtrl+Shift+S',
      registerAccelerator: false,
    });
  });

  it('leaves the page its keys, except for roles and Close Window', () => {
    const entries = flatten(menuTemplate(linux)).filter((e) => e.accelerator);
    for (const entry of entries) {
      expect(entry.registerAccelerator, entry.label).toBe(
        entry.role !== undefined || entry.command === 'file.close',
      );
    }
  });

  it('offers Rerun from failure (the renderer says when it cannot)', () => {
    const entry = find(menuTemplate(linux), 'Rerun from failure');
    expect(entry).toMatchObject({ command: 'run.rerun' });
    expect(entry?.enabled).not.toBe(false);
  });

  it('has no separator first in a menu, nor two in a row', () => {
    for (const menu of menuTemplate(linux)) {
      const items = menu.submenu ?? [];
      expect(items[0]?.type).not.toBe('separator');
      items.forEach((item, i) => {
        if (item.type === 'separator') expect(items[i + 1]?.type).not.toBe('separator');
      });
    }
  });

  it('offers DevTools only in development', () => {
    expect(find(menuTemplate(linux), 'toggleDevTools')).toBeUndefined();
    expect(flatten(menuTemplate({ ...linux, devTools: true })).some((e) => e.role === 'toggleDevTools')).toBe(
      true,
    );
  });
});
