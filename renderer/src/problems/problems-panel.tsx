import { formatPath, type Problem } from '../../../shared/topology';
import { problemFieldPath } from '../editor/inspector/node-form';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';

const selectProblems = (s: AppState) => s.problems;
const ICON = { error: '✖', warning: '▲', info: 'ℹ' } as const;

/** Every problem of the document; clicking one selects its node and focuses the field. */
export function ProblemsPanel() {
  const problems = useAppStore(selectProblems);
  const store = useAppStoreApi();
  if (problems.length === 0) {
    return <p className="bottom-panel__empty">No problems.</p>;
  }
  const reveal = (p: Problem) => {
    if (p.nodeId === undefined) return;
    store.getState().reveal(p.nodeId, problemFieldPath(p));
  };
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li
          key={`${p.code}:${formatPath(p.path)}:${i}`}
          className={`problems__item problems__item--${p.severity}`}
        >
          <button
            type="button"
            className="problems__button"
            onClick={() => reveal(p)}
            disabled={p.nodeId === undefined}
          >
            <span aria-hidden="true" className="problems__icon">
              {ICON[p.severity]}
            </span>
            <span className="problems__message">{p.message}</span>
            <span className="problems__where">
              {p.nodeId ?? ''} · {p.code}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "2 errors, 1 warning" for the tab. */
export function problemCounts(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors++;
    else if (p.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
