import { useId, useState, type ReactNode } from 'react';
import type { Problem } from '../../../../shared/topology';
import { useField, type FieldBinding } from './form-context';
import {
  formatLines,
  formatScalar,
  parseInteger,
  parseLines,
  parseText,
  type Parsed,
  type Parser,
} from './parse';
import type { Path } from './paths';
import { useDraftText } from './use-draft';

/*
 * Field primitives. Each is labelled by a <label>, carries `data-path` (the reveal target of a
 * problem), and shows under itself the reason its text was not taken and the validation problems
 * located at its path.
 */

const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

export function FieldMessages({
  id,
  error,
  problems,
}: {
  id: string;
  error: string | null;
  problems: readonly Problem[];
}) {
  if (error === null && problems.length === 0) return null;
  return (
    <div id={id} className="insp-messages">
      {error !== null && (
        <p role="alert" className="insp-message insp-message--error">
          {error}
        </p>
      )}
      {problems.map((p, i) => (
        <p key={`${p.code}:${i}`} className={`insp-message insp-message--${p.severity}`}>
          <span className="sr-only">{SEVERITY[p.severity]}: </span>
          {p.message}
        </p>
      ))}
    </div>
  );
}

/** aria attributes tying an input to its messages. */
export function messageAria(id: string, error: string | null, problems: readonly Problem[]) {
  const shown = error !== null || problems.length > 0;
  return {
    'aria-describedby': shown ? id : undefined,
    'aria-invalid': error !== null || problems.some((p) => p.severity === 'error') ? true : undefined,
  };
}

interface TextFieldProps<T> {
  label: ReactNode;
  path: Path;
  parse?: Parser<T>;
  format?: (value: unknown) => string;
  placeholder?: string;
  /** Suggestions offered while typing. */
  suggestions?: readonly string[];
  multiline?: boolean;
  numeric?: boolean;
  disabled?: boolean;
  hint?: string;
  /** Also show problems located inside this field (list items). */
  within?: boolean;
  /** A control beside the label (e.g. switching a command between string and list). */
  action?: ReactNode;
  /**
   * What the field shows and writes, when not the value at `path` as it is (a value with two
   * forms, such as a job's schedule: a cron string, or `{ cron, timezone }`).
   */
  binding?: Pick<FieldBinding, 'value' | 'write' | 'dataPath' | 'problems'>;
}

export function TextField<T = string>({
  label,
  path,
  parse = parseText as unknown as Parser<T>,
  format = formatScalar,
  placeholder,
  suggestions,
  multiline = false,
  numeric = false,
  disabled,
  hint,
  within,
  action,
  binding,
}: TextFieldProps<T>) {
  const id = useId();
  const own = useField(path, { within });
  const field = binding ?? own;
  const { text, error, onText } = useDraftText(field, parse, format);
  const messagesId = `${id}-msg`;
  const common = {
    id,
    'data-path': field.dataPath,
    value: text,
    placeholder,
    disabled,
    title: hint,
    className: 'insp-input',
    ...messageAria(messagesId, error, field.problems),
  };
  return (
    <div className="insp-field">
      <div className="insp-field__head">
        <label htmlFor={id} className="insp-label">
          {label}
        </label>
        {action}
      </div>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(8, Math.max(2, text.split('\n').length + 1))}
          onChange={(e) => onText(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={numeric ? 'numeric' : undefined}
          spellCheck={false}
          autoComplete="off"
          list={suggestions ? `${id}-list` : undefined}
          onChange={(e) => onText(e.target.value)}
        />
      )}
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <FieldMessages id={messagesId} error={error} problems={field.problems} />
    </div>
  );
}

export function NumberField(props: Omit<TextFieldProps<number>, 'numeric'>) {
  return <TextField<number> parse={parseInteger} numeric {...props} />;
}

/** One item a line (capabilities, DNS servers, aliases...). */
export function LinesField<T = string>({
  label,
  path,
  parseItem,
  hint = 'One a line',
  placeholder,
}: {
  label: ReactNode;
  path: Path;
  parseItem?: (line: string) => Parsed<T>;
  hint?: string;
  placeholder?: string;
}) {
  return (
    <TextField<T[]>
      label={label}
      path={path}
      parse={parseLines(parseItem)}
      format={formatLines}
      multiline
      within
      hint={hint}
      placeholder={placeholder ?? hint}
    />
  );
}

/**
 * A boolean. The value equal to `defaultValue` (what the model means when the field is absent) is
 * written as "absent", so the document stays minimal.
 */
export function CheckboxField({
  label,
  path,
  defaultValue = false,
}: {
  label: ReactNode;
  path: Path;
  defaultValue?: boolean;
}) {
  const id = useId();
  const field = useField(path);
  const checked = typeof field.value === 'boolean' ? field.value : defaultValue;
  const messagesId = `${id}-msg`;
  return (
    <div className="insp-field insp-field--check">
      <input
        id={id}
        type="checkbox"
        data-path={field.dataPath}
        checked={checked}
        onChange={(e) => field.write(e.target.checked === defaultValue ? undefined : e.target.checked)}
        {...messageAria(messagesId, null, field.problems)}
      />
      <label htmlFor={id} className="insp-label insp-label--inline">
        {label}
      </label>
      <FieldMessages id={messagesId} error={null} problems={field.problems} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label?: string;
}

export function SelectField({
  label,
  path,
  options,
  emptyLabel = '(default)',
}: {
  label: ReactNode;
  path: Path;
  options: readonly Option[];
  /** The choice that removes the field; null when the field is required. */
  emptyLabel?: string | null;
}) {
  const id = useId();
  const field = useField(path);
  const value = formatScalar(field.value);
  const messagesId = `${id}-msg`;
  // A value the list does not know (from a file) stays selectable rather than silently replaced.
  const known = value === '' || options.some((o) => o.value === value);
  return (
    <div className="insp-field">
      <label htmlFor={id} className="insp-label">
        {label}
      </label>
      <select
        id={id}
        className="insp-input"
        data-path={field.dataPath}
        value={value}
        onChange={(e) => field.write(e.target.value === '' ? undefined : e.target.value)}
        {...messageAria(messagesId, null, field.problems)}
      >
        {emptyLabel !== null && <option value="">{emptyLabel}</option>}
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
      </select>
      <FieldMessages id={messagesId} error={null} problems={field.problems} />
    </div>
  );
}

/**
 * A collapsible group of fields; the reveal of a problem opens it. `open` is read once: a section
 * must not fold up under the user because its last field was cleared.
 */
export function Section({
  title,
  children,
  open = true,
  name,
}: {
  title: string;
  children: ReactNode;
  open?: boolean;
  /** For tests and styling: `data-section`. */
  name?: string;
}) {
  const [initiallyOpen] = useState(open);
  return (
    <details className="insp-section" open={initiallyOpen} data-section={name ?? title.toLowerCase()}>
      <summary className="insp-section__title">{title}</summary>
      <div className="insp-section__body">{children}</div>
    </details>
  );
}

/** Two narrow fields side by side. */
export function Pair({ children }: { children: ReactNode }) {
  return <div className="insp-pair">{children}</div>;
}

/** Visible only to assistive technology: tells rows apart ("Published (port 2)"). */
export function SrOnly({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
