import { useId, useState, type FormEvent } from 'react';
import type { Option } from './fields';

export interface AddFieldSpec {
  readonly name: string;
  readonly label: string;
  readonly placeholder?: string;
  /** A select instead of a text input; the first option is the initial value. */
  readonly options?: readonly Option[];
}

/**
 * "Add port" and the like: a button that opens a small form for what a new row cannot do without
 * (a port's container port, a mount's target), so no half-made row ever reaches the document.
 */
export function AddForm({
  button,
  fields,
  onAdd,
}: {
  button: string;
  fields: readonly AddFieldSpec[];
  /** Adds the row; returns why not, and the form stays open with the text. */
  onAdd: (values: Record<string, string>) => string | null;
}) {
  const id = useId();
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.options?.[0]?.value ?? '']));
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (values === null) {
    return (
      <div className="insp-actions">
        <button type="button" className="insp-button" onClick={() => setValues(initial())}>
          {button}
        </button>
      </div>
    );
  }
  const close = () => {
    setValues(null);
    setError(null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const refused = onAdd(values);
    if (refused === null) close();
    else setError(refused);
  };
  return (
    <form className="insp-add" onSubmit={submit} aria-label={button}>
      {fields.map((f, i) => (
        <div className="insp-field" key={f.name}>
          <label htmlFor={`${id}-${f.name}`} className="insp-label">
            {f.label}
          </label>
          {f.options ? (
            <select
              id={`${id}-${f.name}`}
              className="insp-input"
              value={values[f.name]}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            >
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label ?? o.value}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-${f.name}`}
              className="insp-input"
              autoFocus={i === 0}
              autoComplete="off"
              spellCheck={false}
              placeholder={f.placeholder}
              value={values[f.name]}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            />
          )}
        </div>
      ))}
      {error !== null && (
        <p role="alert" className="insp-message insp-message--error">
          {error}
        </p>
      )}
      <div className="insp-actions">
        <button type="submit" className="insp-button insp-button--primary">
          Add
        </button>
        <button type="button" className="insp-button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
