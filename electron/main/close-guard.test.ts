import { describe, expect, it, vi } from 'vitest';
import { guardClose, type ClosableWindow } from './close-guard';

function fakeWindow(crashed = false) {
  let onClose: ((event: { preventDefault(): void }) => void) | undefined;
  let closed = 0;
  const window: ClosableWindow = {
    on: (_event, listener) => (onClose = listener),
    close: () => {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      onClose?.(event);
      if (!event.prevented) closed++;
    },
    webContents: { isCrashed: () => crashed },
  };
  return { window, closed: () => closed };
}

describe('guardClose', () => {
  it('asks the renderer instead of closing, and closes when the renderer says so', () => {
    const { window, closed } = fakeWindow();
    const ask = vi.fn();
    const guard = guardClose(window, ask);
    window.close();
    expect(ask).toHaveBeenCalledOnce();
    expect(closed()).toBe(0);
    expect(guard.closeNow()).toBe(true);
    expect(closed()).toBe(1);
  });

  it('closes a window whose renderer crashed without asking', () => {
    const { window, closed } = fakeWindow(true);
    const ask = vi.fn();
    guardClose(window, ask);
    window.close();
    expect(ask).not.toHaveBeenCalled();
    expect(closed()).toBe(1);
  });
});
