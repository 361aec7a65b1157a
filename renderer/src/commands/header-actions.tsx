import { appCommand } from '../../../shared/commands/app-commands';
import { formatAccelerator } from './accelerator';
import { useDesktopUi, useDesktopUiStore, type DesktopUiState } from './desktop-ui';

const selectNotice = (s: DesktopUiState) => s.notice;

/** The header's way into the commands, the template gallery and the settings. */
export function HeaderActions() {
  const ui = useDesktopUiStore();
  const notice = useDesktopUi(selectNotice);
  const palette = formatAccelerator(appCommand('view.commandPalette').shortcut ?? '');
  const settings = formatAccelerator(appCommand('file.settings').shortcut ?? '');
  return (
    <div className="header-actions" role="toolbar" aria-label="App">
      {notice && (
        <span className="header-actions__notice" role="alert">
          {notice}{' '}
          <button
            type="button"
            aria-label="Dismiss the message"
            onClick={() => ui.setState({ notice: null })}
          >
            ×
          </button>
        </span>
      )}
      <button
        type="button"
        title="New from template"
        onClick={() => ui.setState({ dialog: { kind: 'gallery' } })}
      >
        Templates
      </button>
      <button
        type="button"
        title={`Command palette (${palette})`}
        aria-keyshortcuts="Control+K Meta+K"
        onClick={() => ui.setState({ dialog: { kind: 'palette', mode: 'commands' } })}
      >
        Commands <kbd>{palette}</kbd>
      </button>
      <button
        type="button"
        title={`Settings (${settings})`}
        aria-keyshortcuts="Control+, Meta+,"
        onClick={() => ui.setState({ dialog: { kind: 'settings' } })}
      >
        Settings
      </button>
    </div>
  );
}
