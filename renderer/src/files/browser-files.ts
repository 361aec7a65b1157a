/*
 * The browser's own ways to move files: the file picker (an <input type=file>), downloads, the
 * clipboard. They work in the web mode and in the Electron window alike.
 */

/** As the YAML reader's limit: a bigger file is refused before it is read into memory. */
export const MAX_PICKED_FILE_BYTES = 5 * 1024 * 1024;

export type PickedText =
  { ok: true; name: string; text: string } | { ok: false; name: string; message: string };

export async function readPickedFile(file: File): Promise<PickedText> {
  if (file.size > MAX_PICKED_FILE_BYTES) {
    const mb = (file.size / (1024 * 1024)).toFixed(1);
    return { ok: false, name: file.name, message: `"${file.name}" is ${mb} MB; the limit is 5 MB.` };
  }
  try {
    return { ok: true, name: file.name, text: await file.text() };
  } catch (error) {
    return {
      ok: false,
      name: file.name,
      message: `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Offers text as a file download (the browser asks where, or puts it in Downloads). */
export function downloadText(fileName: string, text: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has its own reference by now; revoking later keeps slow browsers safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/**
 * Copies text: the async clipboard when allowed, else a selected hidden textarea and the old
 * copy command (the Electron window denies the clipboard permission; http pages lack the API).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  area.focus();
  area.select();
  try {
    // Deprecated, but the only way left when the clipboard API is refused.
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } finally {
    area.remove();
    previous?.focus();
  }
}
