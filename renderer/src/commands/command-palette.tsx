import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { APP_COMMANDS, type AppCommand } from '../../../shared/commands/app-commands';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { Dialog } from '../ui/dialog';
import { formatAccelerator } from './accelerator';
import { fuzzyFilter } from './fuzzy';
import { commandBlocked, runCommand, type CommandContext } from './run-command';
import './commands.css';

interface Item {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly shortcut?: string;
  readonly blocked: string | null;
  readonly run: () => void;
}

const PALETTE_COMMANDS: readonly AppCommand[] = APP_COMMANDS.filter((c) => !c.menuOnly);
const selectDoc = (s: AppState) => s.doc;

/**
 * The command palette (Ctrl/Cmd+K): every command of the menu, filtered as you type, with its
 * shortcut; or, as "Find node" (Ctrl/Cmd+F), the nodes of the document. Keyboard only: arrows
 * move, Enter runs, Escape closes. Commands that cannot run now stay listed, disabled, with why.
 */
export function CommandPalette({
  mode,
  ctx,
  onClose,
}: {
  mode: 'commands' | 'nodes';
  ctx: CommandContext;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const doc = useAppStore(selectDoc);

  const items = useMemo<Item[]>(() => {
    if (mode === 'nodes') {
      return Object.entries(doc.spec.nodes).map(([id, node]) => ({
        key: `node:${id}`,
        label: id,
        detail: node.kind,
        blocked: null,
        run: () => ctx.store.getState().reveal(id),
      }));
    }
    return PALETTE_COMMANDS.map((command) => ({
      key: command.id,
      label: command.label,
      detail: command.section,
      ...(command.shortcut ? { shortcut: formatAccelerator(command.shortcut) } : {}),
      blocked: commandBlocked(command.id, ctx),
      run: () => runCommand(command.id, ctx),
    }));
  }, [mode, doc, ctx]);

  const shown = useMemo(
    () =>
      fuzzyFilter(query, items, (item) => {
        const command = PALETTE_COMMANDS.find((c) => c.id === item.key);
        return `${item.label} ${item.detail} ${command?.keywords ?? ''}`;
      }),
    [query, items],
  );
  const current = Math.min(active, Math.max(0, shown.length - 1));

  function choose(item: Item | undefined) {
    if (!item || item.blocked) return;
    onClose();
    // After the palette is gone, so focus is back where it was (a text command acts there).
    setTimeout(item.run, 0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = shown.length - 1;
    const move = (to: number) => {
      event.preventDefault();
      setActive(Math.max(0, Math.min(last, to)));
    };
    if (event.key === 'ArrowDown') move(current + 1 > last ? 0 : current + 1);
    else if (event.key === 'ArrowUp') move(current - 1 < 0 ? last : current - 1);
    else if (event.key === 'Home' && event.ctrlKey) move(0);
    else if (event.key === 'End' && event.ctrlKey) move(last);
    else if (event.key === 'PageDown') move(current + 8);
    else if (event.key === 'PageUp') move(current - 8);
    else if (event.key === 'Enter') {
      event.preventDefault();
      choose(shown[current]);
    }
  }

  const title = mode === 'nodes' ? 'Find node' : 'Command palette';
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Dialog title={title} onClose={onClose} initialFocus={input}>
      <div className="palette-search">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-label={mode === 'nodes' ? 'Node name' : 'Command'}
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
          aria-autocomplete="list"
          placeholder={mode === 'nodes' ? 'Type a node name…' : 'Type a command…'}
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul
        className="palette-list"
        id={listId}
        role="listbox"
        aria-label={mode === 'nodes' ? 'Nodes' : 'Commands'}
      >
        {shown.map((item, index) => (
          <li
            key={item.key}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            aria-disabled={item.blocked ? true : undefined}
            className={`palette-item${index === current ? ' palette-item--active' : ''}`}
            onMouseMove={() => setActive(index)}
            onClick={() => choose(item)}
          >
            <span className="palette-item__label">{item.label}</span>
            <span className="palette-item__detail">{item.blocked ?? item.detail}</span>
            {item.shortcut && <kbd className="palette-item__keys">{item.shortcut}</kbd>}
          </li>
        ))}
        {shown.length === 0 && (
          <li className="palette-empty" role="presentation">
            Nothing matches “{query}”.
          </li>
        )}
      </ul>
    </Dialog>
  );
}
