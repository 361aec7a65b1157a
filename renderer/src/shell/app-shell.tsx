import { Canvas } from '../editor/canvas';
import { Palette } from '../editor/palette';
import { useEditorShortcuts } from '../editor/use-editor-shortcuts';
import { Inspector } from '../editor/inspector/inspector';
import { ComposeButtons } from '../files/compose-export';
import { FileMenu } from '../files/file-menu';
import { HealthPanel } from '../health/health-panel';
import { HistoryPanel } from '../history/history-panel';
import { LogsPanel } from '../logs/logs-panel';
import { MetricsPanel } from '../metrics/metrics-panel';
import { TracesPanel } from '../traces/traces-panel';
import { useFileShortcuts } from '../files/use-file-shortcuts';
import { BottomPanel } from './bottom-panel';
import { OrphansBanner } from '../run/orphans-banner';
import { RunDialogs } from '../run/run-dialogs';
import { RunToolbar } from '../run/run-toolbar';
import { EngineBadge } from './engine-badge';
import { LinkBadge } from './link-badge';
import { EngineNotice } from './engine-notice';
import { DesktopLayer } from '../commands/desktop-layer';
import { HeaderActions } from '../commands/header-actions';

export function AppShell() {
  useFileShortcuts();
  useEditorShortcuts();
  return (
    <div className="shell">
      <header className="shell__header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            ⬢
          </span>
          <h1 className="brand__name">Dockwright</h1>
          <FileMenu />
        </div>
        <HeaderActions />
        <LinkBadge />
        <EngineBadge />
      </header>
      <EngineNotice />
      {/* A landmark, so every part of the page is in one (axe: region). */}
      <div className="app-toolbar" role="region" aria-label="Toolbar">
        <RunToolbar />
        <span className="app-toolbar__sep" aria-hidden="true" />
        <ComposeButtons />
      </div>
      <OrphansBanner />
      <RunDialogs />
      <DesktopLayer />
      <div className="shell__body">
        <aside className="palette" aria-label="Palette">
          <h2 className="panel-title">Components</h2>
          <Palette />
        </aside>
        <main className="shell__main">
          <Canvas />
          <BottomPanel
            panels={{
              logs: () => <LogsPanel />,
              traces: () => <TracesPanel />,
              metrics: () => <MetricsPanel />,
              health: () => <HealthPanel />,
              history: () => <HistoryPanel />,
            }}
          />
        </main>
        <aside className="inspector" aria-label="Inspector">
          <Inspector />
        </aside>
      </div>
    </div>
  );
}
