import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './dialog.css';

export interface DialogProps {
  /** Shown as the heading and used as the dialog's accessible name. */
  title: string;
  /** Escape, and the caller's own Cancel/Close buttons. */
  onClose: () => void;
  children: ReactNode;
  /** What gets focus when the dialog opens; else the first field, else the first button. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Buttons at the bottom (Cancel, the main action). */
  actions?: ReactNode;
  size?: 'small' | 'large';
  describedBy?: string;
}

const FIELDS = 'input:not([type="hidden"]):not([hidden]), textarea, select';
const FOCUSABLE = `${FIELDS}, button, [href], [tabindex]:not([tabindex="-1"])`;

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.hidden && el.getAttribute('aria-hidden') !== 'true',
  );
}

/**
 * A modal dialog: labelled by its title, focus moved in on open (and back where it was on close),
 * Tab kept inside, Escape closes. Shortcuts of the editor ignore key presses from inside it.
 */
export function Dialog({ title, onClose, children, initialFocus, actions, size, describedBy }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root) {
      const field = root.querySelector<HTMLElement>(FIELDS);
      const target = initialFocus?.current ?? (field && !field.hidden ? field : focusables(root)[0]) ?? root;
      target.focus();
    }
    return () => {
      if (previous?.isConnected) previous.focus();
    };
    // Focus moves once, when the dialog opens; later renders must not steal it back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog${size ? ` dialog--${size}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div className="dialog__body">{children}</div>
        {actions && <div className="dialog__actions">{actions}</div>}
      </div>
    </div>
  );
}

/** Whether a modal dialog is open (global shortcuts stay quiet then) or the key came from one. */
export function isDialogActive(target: EventTarget | null): boolean {
  return (
    (target instanceof Element && target.closest('[role="dialog"]') !== null) ||
    document.querySelector('[role="dialog"][aria-modal="true"]') !== null
  );
}
