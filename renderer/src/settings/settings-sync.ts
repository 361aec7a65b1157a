import type { Api } from '../../../shared/ipc/api';
import type { SettingsView } from '../../../shared/ipc/contract';
import type { AppStore } from '../store/app-store';
import { settingsFor } from './settings-state';
import { applyTheme, cachedThemeChoice } from './theme';

/**
 * Keeps the renderer in step with the settings: read at start, then every `settings.changed`
 * (from this window or another tab). Applies what is the renderer's own: the theme and the log
 * buffer size. The main side applies the rest (engine, OTLP, metrics port).
 */
export function startSettingsSync(api: Api, store: AppStore): () => void {
  const settings = settingsFor(store);
  let stopTheme = applyTheme(cachedThemeChoice());
  let theme: string | undefined;
  let disposed = false;
  const apply = (view: SettingsView) => {
    if (disposed) return;
    settings.setState({ view, error: null });
    if (view.settings.theme !== theme) {
      theme = view.settings.theme;
      stopTheme();
      stopTheme = applyTheme(view.settings.theme);
    }
    store.getState().setLogCapacity(view.settings.logBufferLines);
  };
  const off = api.subscribe('settings.changed', apply);
  api.settings.get().then(apply, (error: unknown) => {
    if (!disposed) settings.setState({ error: error instanceof Error ? error.message : String(error) });
  });
  return () => {
    disposed = true;
    off();
    stopTheme();
  };
}
