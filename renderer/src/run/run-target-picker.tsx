import { useId } from 'react';
import { RunTarget } from '../../../shared/ipc/contract';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import './run-target-picker.css';

const selectTarget = (s: AppState) => s.runTarget;
const selectLocked = (s: AppState) => s.run?.state === 'running' || s.busy === 'run';
/** Swarm is a choice only on an engine that manages one, or while Swarm is chosen or shown. */
const selectOffered = (s: AppState) =>
  s.engineStatus?.swarmManager === true || s.runTarget === 'swarm' || s.run?.target === 'swarm';

const WORDS: Record<RunTarget, string> = { engine: 'This engine', swarm: 'Swarm' };

/**
 * Where the next run deploys: this engine's containers (the default) or the Swarm the engine
 * manages. Shown only when the engine is a Swarm manager (or Swarm is already chosen, so the user
 * can switch back); should the engine leave the Swarm, a Swarm run is refused and the toolbar says why.
 */
export function RunTargetPicker() {
  const store = useAppStoreApi();
  const target = useAppStore(selectTarget);
  const locked = useAppStore(selectLocked);
  const offered = useAppStore(selectOffered);
  const id = useId();
  if (!offered) return null;
  return (
    <span className="run-target">
      <label htmlFor={id} className="run-target__label">
        Deploy to
      </label>
      <select
        id={id}
        className="run-target__select"
        value={target}
        disabled={locked}
        title={locked ? 'A run is in progress.' : 'Where the next run deploys'}
        onChange={(event) => store.getState().setRunTarget(RunTarget.parse(event.target.value))}
      >
        {RunTarget.options.map((option) => (
          <option key={option} value={option}>
            {WORDS[option]}
          </option>
        ))}
      </select>
    </span>
  );
}
