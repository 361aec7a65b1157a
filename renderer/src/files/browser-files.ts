/*
 * The browser's own ways to move files: the file picker (an <input type=file>) and downloads. They
 * work in the web mode and in the Electron window alike. The clipboard is ui/clipboard.ts.
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
