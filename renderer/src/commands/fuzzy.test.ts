import { describe, expect, it } from 'vitest';
import { formatAccelerator, matchesAccelerator } from './accelerator';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

describe('fuzzyScore', () => {
  it('matches characters in order, case-insensitive, and refuses what is not there', () => {
    expect(fuzzyScore('exc', 'Export Compose…')).not.toBeNull();
    expect(fuzzyScore('xz', 'Export Compose…')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
  });

  it('ranks word starts and runs above scattered letters', () => {
    const items = ['Show Traces', 'Save', 'Save As…', 'Settings…'];
    expect(fuzzyFilter('save', items, (s) => s)).toEqual(['Save', 'Save As…']);
    expect(fuzzyFilter('sa', items, (s) => s)[0]).toBe('Save');
    expect(fuzzyFilter('expc', ['Import Compose…', 'Export Compose…'], (s) => s)).toEqual([
      'Export Compose…',
    ]);
  });
});

describe('accelerators', () => {
  it('are written as the platform writes them', () => {
    expect(formatAccelerator('CmdOrCtrl+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(formatAccelerator('CmdOrCtrl+Shift+S', true)).toBe('⌘⇧S');
    expect(formatAccelerator('CmdOrCtrl+K', false)).toBe('Ctrl+K');
  });

  it('match key presses with Ctrl or Cmd, and only with the modifiers asked for', () => {
    const press = (
      key: string,
      mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>,
    ) => ({
      key,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      ...mods,
    });
    expect(matchesAccelerator('CmdOrCtrl+K', press('k', { ctrlKey: true }))).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+K', press('K', { metaKey: true }))).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+K', press('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+K', press('k', {}))).toBe(false);
    expect(matchesAccelerator('CmdOrCtrl+,', press(',', { ctrlKey: true }))).toBe(true);
    expect(matchesAccelerator('CmdOrCtrl+Enter', press('Enter', { ctrlKey: true }))).toBe(true);
  });
});
