import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApi } from '../api/api-context';
import { errorMessage } from './file-actions';
import { useFileCommands } from './file-commands';

type Items = { state: 'loading' } | { state: 'ready'; paths: string[] } | { state: 'error'; message: string };

/** The Recent button and its menu of recently opened or saved files (asked of the main side on open). */
export function RecentMenu() {
  const api = useApi();
  const commands = useFileCommands();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Items>({ state: 'loading' });
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    api.files.recent().then(
      (paths) => live && setItems({ state: 'ready', paths }),
      (error: unknown) => live && setItems({ state: 'error', message: errorMessage(error) }),
    );
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      live = false;
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [api, open]);

  // In the same commit as the items (a layout effect): focus lands before anything can see the menu.
  useLayoutEffect(() => {
    if (open && items.state !== 'loading') {
      menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    }
  }, [open, items.state]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus();
    if (event.key === 'Escape') close(true);
    else if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(-1);
    else if (event.key === 'Tab') close(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => {
          if (!open) setItems({ state: 'loading' });
          setOpen(!open);
        }}
      >
        Recent <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          id={menuId}
          ref={menu}
          role="menu"
          aria-label="Recent files"
          className="recent-menu"
          onKeyDown={onMenuKey}
        >
          {items.state === 'loading' && <li className="recent-menu__empty">Loading…</li>}
          {items.state === 'error' && (
            <li className="recent-menu__empty" role="alert">
              {items.message}
            </li>
          )}
          {items.state === 'ready' && items.paths.length === 0 && (
            <li className="recent-menu__empty">No recent files</li>
          )}
          {items.state === 'ready' &&
            items.paths.map((path) => (
              <li key={path} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    close(false);
                    commands.request({ kind: 'open-path', path });
                  }}
                >
                  {path}
                </button>
              </li>
            ))}
        </ul>
      )}
    </>
  );
}
