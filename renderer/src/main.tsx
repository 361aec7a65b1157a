// First: it configures zod before any schema is made (see the file).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { createPlatformApi } from './api/create-api';
import { documentWorker } from './document-worker/document-worker';
import { AppShell } from './shell/app-shell';
import { createAppStore } from './store/app-store';
import { startEngineSync } from './store/engine-sync';
import { startHealthSync } from './store/health-sync';
import { startMetricsSync } from './store/metrics-sync';
import { startRunSync } from './store/run-sync';
import { startScheduleSync } from './store/schedule-sync';
import { startLinkSync } from './store/link-sync';
import { StoreProvider } from './store/store-context';
import { startTelemetrySync } from './store/telemetry-sync';
import { startSettingsSync } from './settings/settings-sync';
import './styles.css';

const api = createPlatformApi();
// Big documents are validated in the document worker, so typing never waits for validate().
const store = createAppStore({ validator: documentWorker() });
startEngineSync(api, store);
startRunSync(api, store);
startLinkSync(api, store);
startTelemetrySync(api, store);
startHealthSync(api, store);
startMetricsSync(api, store);
startScheduleSync(api, store);
startSettingsSync(api, store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <StoreProvider store={store}>
        <AppShell />
      </StoreProvider>
    </ApiProvider>
  </StrictMode>,
);
