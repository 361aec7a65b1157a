import { Canvas } from '../editor/canvas';
import { EngineBadge } from './engine-badge';
import { EngineNotice } from './engine-notice';

const PALETTE = ['Service', 'Job', 'Volume', 'Network'] as const;
const PANELS = ['Problems', 'Logs', 'Traces', 'Metrics', 'Health'] as const;

export function AppShell() {
  return (
    <div className="shell">
      <header className="shell__header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            ⬢
          </span>
          <h1 className="brand__name">Dockwright</h1>
          <span className="brand__doc">untitled topology</span>
        </div>
        <EngineBadge />
      </header>
      <EngineNotice />
      <div className="shell__body">
        <aside className="palette" aria-label="Palette">
          <h2 className="panel-title">Components</h2>
          <ul className="palette__list">
            {PALETTE.map((kind) => (
              <li key={kind} className={`palette__item palette__item--${kind.toLowerCase()}`}>
                {kind}
              </li>
            ))}
          </ul>
        </aside>
        <main className="shell__main">
          <Canvas />
          <section className="bottom-panel" aria-label="Run panels">
            <div className="bottom-panel__tabs" role="tablist">
              {PANELS.map((name, index) => (
                <span key={name} role="tab" aria-selected={index === 0} className="bottom-panel__tab">
                  {name}
                </span>
              ))}
            </div>
            <p className="bottom-panel__empty">No problems. Nothing has run yet.</p>
          </section>
        </main>
        <aside className="inspector" aria-label="Inspector">
          <h2 className="panel-title">Inspector</h2>
          <p className="inspector__empty">Select a node to edit it.</p>
        </aside>
      </div>
    </div>
  );
}
