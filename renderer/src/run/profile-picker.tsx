import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { profilesOf } from '../../../shared/topology/profiles';
import type { AppState } from '../store/app-store';
import { documentKey } from '../store/profile-slice';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { stillInUse } from './run-profiles';
import './profile-picker.css';

const selectDoc = (s: AppState) => s.doc;
const selectDocumentKey = (s: AppState) => documentKey(s);
const selectActiveProfiles = (s: AppState) => s.activeProfiles;

/**
 * The Compose profiles the next run activates: a menu of every profile the document uses, each a
 * checkbox, remembered per document. Hidden when no node has profiles.
 */
export function ProfilePicker() {
  const store = useAppStoreApi();
  const doc = useAppStore(selectDoc);
  const key = useAppStore(selectDocumentKey);
  const chosen = useAppStore(selectActiveProfiles)[key];
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const profiles = useMemo(() => profilesOf(doc), [doc]);
  const active = stillInUse(chosen, profiles);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitemcheckbox"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (profiles.length === 0) return null;

  function toggle(profile: string) {
    const next = active.includes(profile) ? active.filter((p) => p !== profile) : [...active, profile];
    store.getState().setActiveProfiles(key, next);
  }

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(-1);
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

  const summary = active.length === 0 ? 'none' : active.join(', ');
  return (
    <span className="profile-picker">
      <button
        ref={button}
        type="button"
        className="tool-button profile-picker__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={`Compose profiles the next run activates: ${summary}`}
        onClick={() => setOpen(!open)}
      >
        Profiles: {summary} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          id={menuId}
          ref={menu}
          role="menu"
          aria-label="Profiles"
          className="profile-picker__menu"
          onKeyDown={onMenuKey}
        >
          {profiles.map((profile) => {
            const on = active.includes(profile);
            return (
              <li key={profile} role="none">
                <button
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={on}
                  tabIndex={-1}
                  onClick={() => toggle(profile)}
                >
                  <span className="profile-picker__check" aria-hidden="true">
                    {on ? '☑' : '☐'}
                  </span>
                  {profile}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </span>
  );
}
