import { useId, useState } from 'react';
import { renameNode } from '../../../../shared/topology';
import { useAppStoreApi } from '../../store/store-context';
import { useField } from './form-context';
import { messageAria, FieldMessages, Section, TextField } from './fields';
import { KeyValueTable } from './kv-table';
import { fieldCoalesceKey } from './node-form';

export type OnRenamed = (from: string, to: string) => void;

/** Name (the node id, which references use), Docker name, description, labels. */
export function GeneralSection({ nodeId, onRenamed }: { nodeId: string; onRenamed: OnRenamed }) {
  return (
    <Section title="General">
      <NodeIdField nodeId={nodeId} onRenamed={onRenamed} />
      <TextField
        label="Docker name"
        path={['name']}
        placeholder={nodeId}
        hint="Service, volume or network name in Docker; defaults to the Name"
      />
      <TextField label="Description" path={['description']} multiline />
      <KeyValueTable label="Labels" path={['labels']} noun="Label" />
    </Section>
  );
}

interface Draft {
  text: string;
  /** The id the text was typed against. */
  basis: string;
  /** The id before this round of typing: one undo step however many renames it took. */
  origin: string;
  error: string | null;
}

/**
 * The node id. A new one applies as soon as it is valid and free, rewriting every reference to the
 * node (dependencies, mounts, networks, layout); otherwise the text stays with the reason.
 */
function NodeIdField({ nodeId, onRenamed }: { nodeId: string; onRenamed: OnRenamed }) {
  const id = useId();
  const store = useAppStoreApi();
  const field = useField(['id']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const live = draft !== null && draft.basis === nodeId ? draft : null;
  const origin = live?.origin ?? nodeId;

  const onText = (text: string) => {
    if (text === nodeId) return setDraft({ text, basis: nodeId, origin, error: null });
    if (text.trim() === '') {
      return setDraft({ text, basis: nodeId, origin, error: 'A node needs a name.' });
    }
    const { doc, edit, select } = store.getState();
    try {
      renameNode(doc, nodeId, text);
    } catch (error) {
      return setDraft({ text, basis: nodeId, origin, error: `${(error as Error).message}.` });
    }
    edit((d) => renameNode(d, nodeId, text), { coalesce: fieldCoalesceKey(origin, ['id']) });
    select([text]);
    onRenamed(nodeId, text);
    setDraft({ text, basis: text, origin, error: null });
  };
  const error = live?.error ?? null;
  const messagesId = `${id}-msg`;
  return (
    <div className="insp-field">
      <label htmlFor={id} className="insp-label">
        Name
      </label>
      <input
        id={id}
        className="insp-input"
        data-path="id"
        value={live?.text ?? nodeId}
        spellCheck={false}
        autoComplete="off"
        title="The node's id: dependencies, mounts and networks refer to it"
        onChange={(e) => onText(e.target.value)}
        {...messageAria(messagesId, error, field.problems)}
      />
      <FieldMessages id={messagesId} error={error} problems={field.problems} />
    </div>
  );
}
