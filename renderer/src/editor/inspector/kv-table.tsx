import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { hasPlaceholders } from '../../../../shared/compose/env-placeholders';
import { isSecretKey } from '../../../../shared/text/secret-keys';
import { useField, useForm, type FieldBinding } from './form-context';
import { messageAria, FieldMessages } from './fields';
import { SecretValueInput } from './secret-value';
import type { Path } from './paths';

type Entries = Record<string, string | null>;

interface KeyValueTableProps {
  /** The group's name (legend), e.g. "Environment". */
  label: string;
  path: Path;
  /** Name of one key, for row labels: "Variable 1", "Value of FOO". */
  noun?: string;
  /** Values may be null: "take it from the environment of whoever starts the topology". */
  nullable?: boolean;
  /** Extra controls beside "Add" (e.g. Import .env). */
  actions?: ReactNode;
  /** The section around already says it (still read out). */
  hideLegend?: boolean;
  /** Values whose names look secret (PASSWORD, TOKEN, KEY…) are hidden until revealed one by one. */
  maskSecrets?: boolean;
}

function entriesOf(value: unknown): [string, string | null][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value as Entries)
    : [];
}

/** Renames `from` to `to` keeping the order, so the row does not jump while its key is typed. */
function renameKey(entries: [string, string | null][], from: string, to: string): Entries {
  return Object.fromEntries(entries.map(([k, v]) => [k === from ? to : k, v]));
}

/**
 * A string map (environment, labels, driver options) as rows of key and value. Rows are keyed by
 * position, so a key can be retyped without the row losing focus; a new row lives here until it
 * has a key, then it is the last entry of the map.
 */
export function KeyValueTable({
  label,
  path,
  noun = 'Key',
  nullable = false,
  actions,
  hideLegend = false,
  maskSecrets = false,
}: KeyValueTableProps) {
  const field = useField(path, { within: true });
  const messagesId = `${useId()}-msg`;
  const entries = entriesOf(field.value);
  const [adding, setAdding] = useState(false);
  const rows: ({ key: string; value: string | null } | null)[] = entries.map(([key, value]) => ({
    key,
    value,
  }));
  if (adding) rows.push(null);
  return (
    <fieldset className="insp-kv" data-path={field.dataPath}>
      <legend className={hideLegend ? 'sr-only' : 'insp-label'}>{label}</legend>
      {rows.length > 0 && (
        <div className="insp-kv__rows">
          <div className="insp-kv__row insp-kv__head" aria-hidden="true">
            <span>Name</span>
            <span>Value</span>
            {nullable && (
              <span title="Take the value from the environment of whoever starts the topology">Host</span>
            )}
            <span />
          </div>
          {rows.map((row, index) => (
            <KeyValueRow
              key={index}
              index={index}
              row={row}
              noun={noun}
              nullable={nullable}
              maskSecrets={maskSecrets}
              field={field}
              entries={entries}
              onCommitted={() => setAdding(false)}
              onCancel={() => setAdding(false)}
            />
          ))}
        </div>
      )}
      <FieldMessages id={messagesId} error={null} problems={field.problems} />
      <div className="insp-actions">
        <button type="button" className="insp-button" onClick={() => setAdding(true)} disabled={adding}>
          Add {noun.toLowerCase()}
        </button>
        {actions}
      </div>
    </fieldset>
  );
}

interface RowProps {
  index: number;
  /** null: the new row, not in the document yet. */
  row: { key: string; value: string | null } | null;
  noun: string;
  nullable: boolean;
  maskSecrets: boolean;
  field: FieldBinding;
  entries: [string, string | null][];
  onCommitted: () => void;
  onCancel: () => void;
}

function KeyValueRow({
  index,
  row,
  noun,
  nullable,
  maskSecrets,
  field,
  entries,
  onCommitted,
  onCancel,
}: RowProps) {
  const id = useId();
  const form = useForm();
  const [draft, setDraft] = useState<{
    text: string;
    basis: string | undefined;
    error: string | null;
  } | null>(null);
  const [pendingValue, setPendingValue] = useState('');
  const key = row?.key;
  const live = draft !== null && draft.basis === key ? draft : null;
  const keyText = live ? live.text : (key ?? '');
  const writeEntries = (next: Entries, discrete: boolean) =>
    field.write(Object.keys(next).length === 0 ? undefined : next, discrete);

  const onKey = (text: string) => {
    const taken = entries.some(([k], i) => k === text && i !== index);
    let error: string | null = null;
    if (text === '') error = row ? `A ${noun.toLowerCase()} needs a name; remove the row to drop it.` : null;
    else if (taken) error = `"${text}" is already set above.`;
    else if (text !== key) {
      error = row
        ? writeEntries(renameKey(entries, row.key, text), false)
        : writeEntries({ ...Object.fromEntries(entries), [text]: pendingValue }, true);
      if (error === null) {
        setDraft({ text, basis: text, error: null });
        if (!row) onCommitted();
        return;
      }
    }
    setDraft({ text, basis: key, error });
  };

  const keyLabel = `${noun} ${index + 1}`;
  const valueLabel = `Value of ${key ?? keyLabel}`;
  const valuePath = key !== undefined ? [...field.path, key] : undefined;
  const inherited = row !== null && row.value === null;
  const messagesId = `${id}-msg`;
  const error = live?.error ?? null;
  // A `${VAR}` reference is no secret: shown as it is.
  const secret =
    maskSecrets &&
    row !== null &&
    typeof row.value === 'string' &&
    isSecretKey(row.key) &&
    !hasPlaceholders(row.value);
  const valueInput = {
    id: `${id}-v`,
    className: 'insp-input insp-kv__value',
    'data-path': valuePath ? valuePath.join('.') : undefined,
    value: row ? (row.value ?? '') : pendingValue,
    placeholder: inherited ? 'from the host environment' : 'value',
    disabled: inherited,
    spellCheck: false,
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      valuePath ? form.write(valuePath, e.target.value) : setPendingValue(e.target.value),
  };
  return (
    <div className="insp-kv__row">
      <label className="sr-only" htmlFor={`${id}-k`}>
        {keyLabel}
      </label>
      <input
        id={`${id}-k`}
        className="insp-input insp-kv__key"
        value={keyText}
        placeholder="NAME"
        title={keyText}
        spellCheck={false}
        autoComplete="off"
        autoFocus={row === null}
        onChange={(e) => onKey(e.target.value)}
        {...messageAria(messagesId, error, [])}
      />
      <label className="sr-only" htmlFor={`${id}-v`}>
        {valueLabel}
      </label>
      {secret && row ? (
        <SecretValueInput {...valueInput} name={row.key} />
      ) : (
        <input {...valueInput} autoComplete="off" />
      )}
      {nullable && !row && <span />}
      {nullable && row && (
        <>
          <input
            id={`${id}-n`}
            type="checkbox"
            className="insp-kv__inherit"
            checked={inherited}
            title="Take the value from the environment of whoever starts the topology"
            onChange={(e) => form.write([...field.path, row.key], e.target.checked ? null : '', true)}
          />
          <label className="sr-only" htmlFor={`${id}-n`}>
            Take {row.key} from the host environment
          </label>
        </>
      )}
      <button
        type="button"
        className="insp-icon-button"
        aria-label={row ? `Remove ${row.key}` : `Cancel new ${noun.toLowerCase()}`}
        onClick={() => {
          if (!row) return onCancel();
          const rest = Object.fromEntries(entries.filter(([k]) => k !== row.key));
          writeEntries(rest, true);
        }}
      >
        ×
      </button>
      <FieldMessages id={messagesId} error={error} problems={[]} />
    </div>
  );
}
