// Test support for the export dialogs: opens an export dialog from the
// Compose buttons rendered by the test, and captures what it downloads and copies.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

export interface CapturedDownload {
  readonly name: string;
  readonly text: Promise<string>;
}

/** Puts this clipboard in the page (taken away again after each test). */
export function stubClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

/**
 * For every test of the file: captures downloads (jsdom has neither object URLs nor downloads),
 * and afterwards takes the clipboard and copy-command stubs away and closes what was rendered.
 * `open` renders (with `render`), clicks `button` and returns the dialog it opens (named as the
 * button), with its YAML field (labelled `yamlLabel`).
 */
export function exportDialogHarness<Options, Rendered extends { close: () => void }>(setup: {
  render: (options?: Options) => Rendered;
  button: string;
  yamlLabel: string | RegExp;
}) {
  let closeSide: (() => void) | undefined;
  const downloads: CapturedDownload[] = [];

  beforeEach(() => {
    const blobs = new Map<string, Blob>();
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => {
          const url = `blob:test/${blobs.size}`;
          blobs.set(url, blob);
          return url;
        },
        revokeObjectURL: () => undefined,
      }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (blob) downloads.push({ name: this.download, text: blob.text() });
    });
  });

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'clipboard');
    Reflect.deleteProperty(document, 'execCommand');
    cleanup();
    closeSide?.();
    closeSide = undefined;
    downloads.length = 0;
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  async function open(options?: Options) {
    const harness = setup.render(options);
    closeSide = harness.close;
    const opener = screen.getByRole('button', { name: setup.button });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: setup.button });
    const yaml = within(dialog).getByLabelText<HTMLTextAreaElement>(setup.yamlLabel);
    return { ...harness, dialog, yaml };
  }

  return { downloads, open };
}
