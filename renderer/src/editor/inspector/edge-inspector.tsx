import { useId } from 'react';
import {
  disconnect,
  setDependencyCondition,
  type ContainerNode,
  type DependencyCondition,
  type RelationEdge,
} from '../../../../shared/topology';
import { useAppStoreApi } from '../../store/store-context';
import { CONDITIONS } from './depends-on-field';
import { CheckboxField, messageAria, FieldMessages, TextField } from './fields';
import { FormProvider, Scope, useField } from './form-context';
import { NetworkAttachmentFields } from './network-attachments-field';
import { useNodeForm } from './node-form';
import { parseRequiredText } from './parse';
import { RowProblems } from './list-field';

const TITLE: Record<RelationEdge['relation'], string> = {
  dependency: 'Dependency',
  network: 'Network membership',
  mount: 'Volume mount',
  'shared-network': 'Shared network stack',
};

function summary(edge: RelationEdge): string {
  switch (edge.relation) {
    case 'dependency':
      return `${edge.target} waits for ${edge.source}`;
    case 'network':
      return `${edge.target} joins ${edge.source}`;
    case 'mount':
      return `${edge.target} mounts ${edge.source}`;
    case 'shared-network':
      return `${edge.target} uses the network stack of ${edge.source}`;
  }
}

/** One selected edge: the relation's own fields, edited on the node that holds it (the target). */
export function EdgeInspector({ edge, target }: { edge: RelationEdge; target: ContainerNode }) {
  const store = useAppStoreApi();
  const form = useNodeForm(edge.target, target);
  const remove = () => {
    const { edit, select } = store.getState();
    edit((d) => disconnect(d, [edge.id]));
    select([]);
  };
  return (
    <FormProvider form={form}>
      <div className={`insp-subject insp-subject--edge-${edge.relation}`}>
        <span className="insp-subject__kind">{TITLE[edge.relation]}</span>
        <span className="insp-subject__name">{summary(edge)}</span>
      </div>
      <div className="insp-section__body">
        {edge.relation === 'dependency' && (
          <Scope path={['dependsOn', edge.index ?? 0]}>
            <ConditionSelect edge={edge} />
            <CheckboxField label="Required" path={['required']} defaultValue />
            <CheckboxField label="Restart" path={['restart']} />
            <RowProblems />
          </Scope>
        )}
        {edge.relation === 'network' && (
          <Scope path={['networks', edge.index ?? 0]}>
            <NetworkAttachmentFields />
            <RowProblems />
          </Scope>
        )}
        {edge.relation === 'mount' && (
          <Scope path={['mounts', edge.index ?? 0]}>
            <TextField label="Mount target" path={['target']} parse={parseRequiredText('The target')} />
            <CheckboxField label="Read-only" path={['readOnly']} />
            <TextField label="Subpath" path={['subpath']} />
            <RowProblems />
          </Scope>
        )}
        {edge.relation === 'shared-network' && (
          <p className="insp-muted">
            Set by the network mode of {edge.target} (<code>service:{edge.source}</code>).
          </p>
        )}
        <div className="insp-actions">
          <button type="button" className="insp-button insp-button--danger" onClick={remove}>
            Remove connection
          </button>
        </div>
      </div>
    </FormProvider>
  );
}

/** Through `setDependencyCondition`, the same operation the canvas uses. */
function ConditionSelect({ edge }: { edge: RelationEdge }) {
  const id = useId();
  const store = useAppStoreApi();
  const field = useField(['condition']);
  const messagesId = `${id}-msg`;
  return (
    <div className="insp-field">
      <label htmlFor={id} className="insp-label">
        Condition
      </label>
      <select
        id={id}
        className="insp-input"
        data-path={field.dataPath}
        title="started: the container runs; healthy: its healthcheck passes; completed: it exited successfully"
        value={String(field.value)}
        onChange={(e) =>
          store
            .getState()
            .edit((d) => setDependencyCondition(d, edge.id, e.target.value as DependencyCondition))
        }
        {...messageAria(messagesId, null, field.problems)}
      >
        {CONDITIONS.map((c) => (
          <option key={c.value} value={c.value}>
            {c.value}
          </option>
        ))}
      </select>
      <FieldMessages id={messagesId} error={null} problems={field.problems} />
    </div>
  );
}
