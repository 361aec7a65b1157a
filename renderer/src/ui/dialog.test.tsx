import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './dialog';

afterEach(cleanup);

describe('Dialog', () => {
  it('is a modal dialog named by its title, focuses its first field and keeps Tab inside', () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Rename" onClose={onClose} actions={<button type="button">OK</button>}>
        <button type="button">Help</button>
        <label htmlFor="f">Name</label>
        <input id="f" type="text" />
      </Dialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Rename' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const field = screen.getByLabelText('Name');
    expect(document.activeElement).toBe(field);

    const ok = screen.getByRole('button', { name: 'OK' });
    const help = screen.getByRole('button', { name: 'Help' });
    ok.focus();
    fireEvent.keyDown(ok, { key: 'Tab' });
    expect(document.activeElement).toBe(help);
    fireEvent.keyDown(help, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(ok);

    fireEvent.keyDown(field, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});
