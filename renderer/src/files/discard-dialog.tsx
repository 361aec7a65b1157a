import { useId, useRef } from 'react';
import { Dialog } from '../ui/dialog';
import { useFileCommands } from './file-commands';
import { useFilesUi, type PendingAction } from './files-ui';

const WHAT: Record<PendingAction['kind'], string> = {
  new: 'start a new topology',
  open: 'open another file',
  'open-path': 'open another file',
  import: 'import a Compose file',
  'open-text': 'open another file',
  'new-from': 'start from a template',
  close: 'close the window',
};

const selectBusy = (s: { busy: boolean }) => s.busy;

/** Asked before New, Open or Import replaces a document with unsaved changes. */
export function DiscardDialog({
  action,
  error,
  documentName,
}: {
  action: PendingAction;
  error?: string | undefined;
  documentName: string;
}) {
  const commands = useFileCommands();
  const busy = useFilesUi(selectBusy);
  const save = useRef<HTMLButtonElement>(null);
  const textId = useId();
  return (
    <Dialog
      title="Discard changes?"
      onClose={commands.cancel}
      size="small"
      initialFocus={save}
      describedBy={textId}
      actions={
        <>
          <button type="button" onClick={commands.cancel}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={commands.discard}>
            Discard
          </button>
          <button
            ref={save}
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void commands.saveThenContinue()}
          >
            Save
          </button>
        </>
      }
    >
      <p id={textId} className="dialog__note">
        {documentName} has changes that are not saved. Save them before you {WHAT[action.kind]}, or discard
        them?
      </p>
      {error && (
        <p role="alert" className="dialog__error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
