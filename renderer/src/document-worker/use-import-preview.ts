import { useEffect, useState } from 'react';
import { problem } from '../../../shared/topology';
import { documentWorker } from './document-worker';
import type { ImportPreview } from './document-jobs';

interface Preview {
  readonly text: string;
  readonly fileName: string | undefined;
  readonly result: ImportPreview;
}

/**
 * What importing `text` would give, worked out in the document worker while the person types.
 * Only the answer for the current text is kept (an older one arriving late is dropped); until it
 * comes, the last answer is shown as `stale`.
 */
export function useImportPreview(
  text: string,
  fileName: string | undefined,
): { result: ImportPreview | null; stale: boolean } {
  const [preview, setPreview] = useState<Preview | null>(null);
  const empty = text.trim() === '';
  useEffect(() => {
    if (empty) return;
    let current = true;
    const keep = (result: ImportPreview) => {
      if (current) setPreview({ text, fileName, result });
    };
    documentWorker()
      .run({ kind: 'import-compose', text, ...(fileName ? { fileName } : {}) })
      .then(keep, (error: unknown) =>
        keep({
          ok: false,
          problems: [problem('YAML_SYNTAX', `The text could not be read: ${String(error)}`, [])],
        }),
      );
    return () => {
      current = false;
    };
  }, [text, fileName, empty]);
  if (empty) return { result: null, stale: false };
  return {
    result: preview?.result ?? null,
    stale: preview === null || preview.text !== text || preview.fileName !== fileName,
  };
}
