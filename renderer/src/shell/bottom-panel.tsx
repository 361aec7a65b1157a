import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store/app-store';
import type { BottomPanel as PanelName } from '../store/selection-slice';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { ProblemsPanel, problemCounts } from '../problems/problems-panel';

const TABS: { id: PanelName; label: string }[] = [
  { id: 'problems', label: 'Problems' },
  { id: 'logs', label: 'Logs' },
  { id: 'traces', label: 'Traces' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'health', label: 'Health' },
  { id: 'history', label: 'History' },
];

const selectPanel = (s: AppState) => s.bottomPanel;
const selectCounts = (s: AppState) => problemCounts(s.problems);

/** The tabbed panel under the canvas. Panels other than Problems register as they are built. */
export function BottomPanel({ panels = {} }: { panels?: Partial<Record<PanelName, () => ReactNode>> }) {
  const panel = useAppStore(selectPanel);
  const counts = useAppStore(useShallow(selectCounts));
  const store = useAppStoreApi();
  const render = panel === 'problems' ? () => <ProblemsPanel /> : panels[panel];
  return (
    <section className="bottom-panel" aria-label="Run panels">
      <div className="bottom-panel__tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={panel === tab.id}
            aria-controls={`panel-${tab.id}`}
            className="bottom-panel__tab"
            onClick={() => store.getState().setBottomPanel(tab.id)}
          >
            {tab.label}
            {tab.id === 'problems' && counts.errors + counts.warnings > 0 && (
              <span className={`tab-count${counts.errors > 0 ? ' tab-count--error' : ''}`}>
                {counts.errors + counts.warnings}
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        className="bottom-panel__body"
        role="tabpanel"
        id={`panel-${panel}`}
        aria-labelledby={`tab-${panel}`}
      >
        {render ? render() : <p className="bottom-panel__empty">Nothing here yet.</p>}
      </div>
    </section>
  );
}
