import { describe, expect, it } from 'vitest';
import { APP_COMMAND_IDS, APP_COMMANDS, appCommand } from './app-commands';

describe('the command table', () => {
  it('has every command id exactly once', () => {
    expect(APP_COMMANDS.map((c) => c.id).sort()).toEqual([...APP_COMMAND_IDS].sort());
  });

  it('gives no two commands the same shortcut', () => {
    const shortcuts = APP_COMMANDS.flatMap((c) => (c.shortcut ? [c.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('finds a command by id', () => {
    expect(appCommand('file.save')).toMatchObject({ label: 'Save', shortcut: 'CmdOrCtrl+S' });
  });
});
