import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { Dialog } from '../ui/dialog';
import { baseName, errorMessage, normalizeFileName } from './file-actions';
import { useFileCommands } from './file-commands';
import type { PendingAction } from './files-ui';

/**
 * Save As: a name in the data directory's topologies folder (sub-folders allowed), or a download
 * to wherever the browser puts files. Replacing another existing file needs a second click.
 */
export function SaveAsDialog({ then }: { then?: PendingAction | undefined }) {
  const api = useApi();
  const commands = useFileCommands();
  const fieldId = useId();
  const [name, setName] = useState(() => commands.suggestedName());
  const [existing, setExisting] = useState<ReadonlySet<string>>(new Set());
  const [confirmReplace, setConfirmReplace] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    // Only to warn before replacing a file; saving works without it.
    api.files.list().then(
      (files) => live && setExisting(new Set(files.map((f) => f.path))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  const target = normalizeFileName(name);
  const current = commands.suggestedName();

  function finish() {
    if (then) commands.perform(then);
    else commands.closeDialog();
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (target === '') {
      setError('Give the file a name.');
      return;
    }
    if (existing.has(target) && target !== current && confirmReplace !== target) {
      setConfirmReplace(target);
      setError(null);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await commands.saveTo(target);
      finish();
    } catch (caught) {
      setError(errorMessage(caught));
      setSaving(false);
    }
  }

  function onDownload() {
    commands.download(baseName(target || current));
    finish();
  }

  const replacing = confirmReplace !== null && confirmReplace === target;
  return (
    <Dialog
      title="Save As"
      onClose={commands.closeDialog}
      size="small"
      actions={
        <>
          <button type="button" onClick={onDownload}>
            Download
          </button>
          <button type="button" onClick={commands.closeDialog}>
            Cancel
          </button>
          <button type="submit" form={`${fieldId}-form`} className="primary" disabled={saving}>
            {replacing ? 'Replace' : 'Save'}
          </button>
        </>
      }
    >
      <form id={`${fieldId}-form`} className="dialog__field" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor={fieldId}>File name</label>
        <input
          id={fieldId}
          type="text"
          value={name}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error !== null}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
      </form>
      <p className="dialog__note">
        Saved in the data directory&apos;s <code>topologies/</code> folder
        {target && target !== name.trim() ? ` as ${target}` : ''}. Download saves a copy with your browser
        instead.
      </p>
      {replacing && (
        <p role="alert" className="dialog__error">
          {target} already exists. Press Replace to overwrite it.
        </p>
      )}
      {error && (
        <p role="alert" className="dialog__error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
