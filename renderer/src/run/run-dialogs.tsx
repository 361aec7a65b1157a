import { CleanupDialog } from './cleanup-dialog';
import { ConsentDialog } from './consent-dialog';
import { useRunDialog } from './run-dialog-state';

/** The run toolbar's dialogs: consent to dangerous settings, and Clean up with volumes. */
export function RunDialogs() {
  const dialog = useRunDialog();
  switch (dialog?.kind) {
    case 'consent':
      return <ConsentDialog request={dialog.request} answer={dialog.answer} />;
    case 'cleanup':
      return (
        <CleanupDialog
          project={dialog.project}
          volumes={dialog.volumes}
          target={dialog.target}
          answer={dialog.answer}
        />
      );
    default:
      return null;
  }
}
