import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommandEvent } from '../../shared/ipc/contract';
import { menuTemplate, type MenuEntry, type MenuOptions } from './menu-template';

/** Electron's Menu from the pure template; a chosen entry becomes one `app.command` event. */
export function installMenu(options: MenuOptions, send: (command: AppCommandEvent) => void): void {
  const toElectron = (entry: MenuEntry): MenuItemConstructorOptions => {
    const { command, path, submenu, type, ...rest } = entry;
    return {
      ...rest,
      ...(type === 'separator' ? { type } : {}),
      ...(submenu ? { submenu: submenu.map(toElectron) } : {}),
      ...(command ? { click: () => send({ command, ...(path ? { path } : {}) }) } : {}),
    };
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options).map(toElectron)));
}
