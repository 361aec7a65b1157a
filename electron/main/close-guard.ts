/** The parts of a BrowserWindow the guard uses (tests pass a stand-in). */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  readonly webContents: { isCrashed(): boolean };
}

/**
 * Closing the window asks the renderer first (it knows about unsaved changes and shows Save,
 * Discard, Cancel); the renderer then calls `app.close`, which closes for real. A renderer that
 * crashed cannot answer, so its window closes at once.
 */
export function guardClose(window: ClosableWindow, ask: () => void): { closeNow(): boolean } {
  let allowed = false;
  window.on('close', (event) => {
    if (allowed || window.webContents.isCrashed()) return;
    event.preventDefault();
    ask();
  });
  return {
    closeNow() {
      allowed = true;
      window.close();
      return true;
    },
  };
}
