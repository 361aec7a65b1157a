import { useId, type ReactNode } from 'react';
import { Scope, useField } from './form-context';
import { FieldMessages } from './fields';
import type { Path } from './paths';

/**
 * A list of objects (ports, mounts, subnets, ...): one scoped row per item, problems about the list
 * itself above, and the controls to add one below. Rows are keyed by position: removing one shifts
 * the rest, and their fields follow the document.
 */
export function ListField({
  legend,
  hideLegend = false,
  path,
  renderRow,
  add,
}: {
  legend: string;
  /** The section around already says it (still read out). */
  hideLegend?: boolean;
  path: Path;
  renderRow: (index: number, remove: () => void) => ReactNode;
  add?: ReactNode;
}) {
  const id = useId();
  const field = useField(path);
  const items = Array.isArray(field.value) ? (field.value as unknown[]) : [];
  return (
    <fieldset className="insp-list" data-path={field.dataPath}>
      <legend className={hideLegend ? 'sr-only' : 'insp-label'}>{legend}</legend>
      <FieldMessages id={`${id}-msg`} error={null} problems={field.problems} />
      {items.map((_, index) => (
        <Scope key={index} path={[...path, index]}>
          <div className="insp-row">
            {renderRow(index, () =>
              field.write(items.length === 1 ? undefined : items.filter((_, i) => i !== index), true),
            )}
          </div>
        </Scope>
      ))}
      {add}
    </fieldset>
  );
}

/** Problems about a whole row (e.g. a port clash), shown at its foot. */
export function RowProblems() {
  const id = useId();
  const field = useField([]);
  return <FieldMessages id={`${id}-msg`} error={null} problems={field.problems} />;
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="insp-icon-button insp-row__remove"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      ×
    </button>
  );
}
