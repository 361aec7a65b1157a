import { useId, useState } from 'react';
import { connect } from '../../../../shared/topology';
import { useAppStoreApi } from '../../store/store-context';

/**
 * "Add dependency" / "Join network" / "Mount volume": picks another node and connects it the way
 * dragging an edge on the canvas does, so the same rules (and reasons when refused) apply.
 */
export function ConnectSelect({
  label,
  nodeId,
  candidates,
}: {
  label: string;
  nodeId: string;
  candidates: readonly string[];
}) {
  const id = useId();
  const store = useAppStoreApi();
  const [error, setError] = useState<string | null>(null);
  if (candidates.length === 0 && error === null) return null;
  const pick = (source: string) => {
    if (source === '') return;
    const { doc, edit } = store.getState();
    try {
      connect(doc, source, nodeId);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    edit((d) => connect(d, source, nodeId));
    setError(null);
  };
  return (
    <div className="insp-field">
      <label htmlFor={id} className="insp-label">
        {label}
      </label>
      <select id={id} className="insp-input" value="" onChange={(e) => pick(e.target.value)}>
        <option value="">Choose…</option>
        {candidates.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {error !== null && (
        <p role="alert" className="insp-message insp-message--error">
          {error}
        </p>
      )}
    </div>
  );
}
