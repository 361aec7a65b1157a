import { useEffect, useRef } from 'react';
import { ExportComposeDialog } from '../files/compose-export';
import { SettingsDialog } from '../settings/settings-dialog';
import { useSettings } from '../settings/settings-state';
import { AboutDialog } from '../welcome/about-dialog';
import { TemplateGallery } from '../welcome/template-gallery';
import { WelcomeDialog } from '../welcome/welcome-dialog';
import { CommandPalette } from './command-palette';
import { useDesktopUi } from './desktop-ui';
import { useAppCommands } from './use-app-commands';
import { useCommandContext } from './use-command-context';
import type { SettingsState } from '../settings/settings-state';
import type { DesktopUiState } from './desktop-ui';

const selectDialog = (s: DesktopUiState) => s.dialog;
const selectView = (s: SettingsState) => s.view;

/**
 * The desktop product's layer over the editor: the commands (menu events, palette, shortcuts,
 * dropped files) and their dialogs: palette, settings, welcome (on a fresh data dir), template
 * gallery, About, and Export Compose when asked for by a command. Mount once, in the shell.
 */
export function DesktopLayer() {
  const ctx = useCommandContext();
  useAppCommands(ctx);
  const dialog = useDesktopUi(selectDialog);
  const view = useSettings(selectView);
  const welcomed = useRef(false);
  const { ui, api, files } = ctx;

  // The first run's welcome: once the settings say it was never dismissed.
  useEffect(() => {
    if (!view || welcomed.current) return;
    welcomed.current = true;
    if (!view.settings.welcomeDismissed && ui.getState().dialog === null)
      ui.setState({ dialog: { kind: 'welcome' } });
  }, [view, ui]);

  const close = () => ui.setState({ dialog: null });
  const dismissWelcome = () => {
    close();
    if (view && !view.settings.welcomeDismissed) {
      api.settings
        .set({ patch: { welcomeDismissed: true } })
        .catch((error: unknown) =>
          ui.setState({ notice: `The welcome could not be marked as seen: ${String(error)}` }),
        );
    }
  };

  switch (dialog?.kind) {
    case 'palette':
      return <CommandPalette key={dialog.mode} mode={dialog.mode} ctx={ctx} onClose={close} />;
    case 'settings':
      return view ? <SettingsDialog view={view} onClose={close} /> : null;
    case 'gallery':
      return (
        <TemplateGallery
          onClose={close}
          onChoose={(_template, doc) => {
            close();
            files.request({ kind: 'new-from', doc });
          }}
        />
      );
    case 'welcome':
      return (
        <WelcomeDialog
          actions={{
            dismiss: dismissWelcome,
            template: () => {
              dismissWelcome();
              ui.setState({ dialog: { kind: 'gallery' } });
            },
            open: () => {
              dismissWelcome();
              files.request({ kind: 'open' });
            },
            importCompose: () => {
              dismissWelcome();
              files.request({ kind: 'import' });
            },
            settings: () => ui.setState({ dialog: { kind: 'settings' } }),
          }}
        />
      );
    case 'about':
      return <AboutDialog onClose={close} />;
    case 'export-compose':
      return <ExportComposeDialog onClose={close} />;
    default:
      return null;
  }
}
