import { disconnect, removeNodes } from '../../../../shared/topology';
import { useAppStoreApi } from '../../store/store-context';

/** Several things selected: how many, and the one action that applies to all of them. */
export function SelectionSummary({ nodes, edges }: { nodes: readonly string[]; edges: readonly string[] }) {
  const store = useAppStoreApi();
  const remove = () => {
    const { edit, select } = store.getState();
    // Edges first: removing nodes renumbers the relations that edge ids point at.
    edit((d) => removeNodes(disconnect(d, edges), nodes));
    select([]);
  };
  const parts = [
    nodes.length > 0 ? `${nodes.length} node${nodes.length === 1 ? '' : 's'}` : null,
    edges.length > 0 ? `${edges.length} connection${edges.length === 1 ? '' : 's'}` : null,
  ].filter((p) => p !== null);
  return (
    <div className="insp-summary">
      <p className="insp-summary__count" role="status">
        {parts.join(' and ')} selected
      </p>
      {nodes.length > 0 && <p className="insp-muted">{nodes.join(', ')}</p>}
      <div className="insp-actions">
        <button type="button" className="insp-button insp-button--danger" onClick={remove}>
          Delete
        </button>
      </div>
    </div>
  );
}
