import { DiscardDialog } from './discard-dialog';
import { useFilesUi, type FilesUiState } from './files-ui';
import { InsertTopologyDialog } from './insert-topology-dialog';
import { OpenDialog } from './open-dialog';
import { SaveAsDialog } from './save-as-dialog';

const selectDialog = (s: FilesUiState) => s.dialog;

/** Open, Save As, Insert topology and the discard prompt (Import belongs to the Compose buttons). */
export function FileDialogs({ documentName }: { documentName: string }) {
  const dialog = useFilesUi(selectDialog);
  switch (dialog?.kind) {
    case 'open':
      // A new failure (from Recent) mounts a fresh dialog that starts from it.
      return <OpenDialog key={dialog.failure ? 'failed' : 'plain'} failure={dialog.failure} />;
    case 'save-as':
      return <SaveAsDialog then={dialog.then} />;
    case 'insert':
      return <InsertTopologyDialog />;
    case 'discard':
      return <DiscardDialog action={dialog.action} error={dialog.error} documentName={documentName} />;
    default:
      return null;
  }
}
