import { useId, useState } from 'react';
import { parseDotEnv } from '../../../../shared/compose/interpolate';
import { useField } from './form-context';
import { LinesField } from './fields';
import { KeyValueTable } from './kv-table';

/** Environment variables, with an import from `.env` text or file. */
export function EnvTable() {
  const [importing, setImporting] = useState(false);
  return (
    <>
      <KeyValueTable
        label="Environment"
        path={['environment']}
        noun="Variable"
        nullable
        maskSecrets
        hideLegend
        actions={
          <button
            type="button"
            className="insp-button"
            onClick={() => setImporting(true)}
            disabled={importing}
          >
            Import .env
          </button>
        }
      />
      {importing && <DotEnvImport onClose={() => setImporting(false)} />}
      <LinesField label="Env files" path={['envFiles']} hint="Files of KEY=value lines, one a line" />
    </>
  );
}

/**
 * Pasted or picked `.env` text, merged into the environment: a variable already set takes the
 * imported value where it stands, new ones are added after. One undo step.
 */
function DotEnvImport({ onClose }: { onClose: () => void }) {
  const id = useId();
  const field = useField(['environment']);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const parsed = parseDotEnv(text);
  const count = Object.keys(parsed).length;

  const pick = async (file: File | undefined) => {
    if (!file) return;
    try {
      setText(await file.text());
      setError(null);
    } catch (e) {
      setError(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };
  const apply = () => {
    if (count === 0) {
      setError('No KEY=value lines found.');
      return;
    }
    const current = (field.value ?? {}) as Record<string, string | null>;
    const refused = field.write({ ...current, ...parsed }, true);
    if (refused !== null) setError(refused);
    else onClose();
  };
  return (
    <div
      className="insp-dialog"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3 id={`${id}-title`} className="insp-dialog__title">
        Import .env
      </h3>
      <label htmlFor={`${id}-text`} className="insp-label">
        .env content
      </label>
      <textarea
        id={`${id}-text`}
        className="insp-input"
        rows={6}
        autoFocus
        spellCheck={false}
        placeholder={'KEY=value\n# comments are skipped'}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      <label htmlFor={`${id}-file`} className="insp-label">
        Or pick a file
      </label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".env,text/plain"
        className="insp-file"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      {error !== null && (
        <p role="alert" className="insp-message insp-message--error">
          {error}
        </p>
      )}
      <div className="insp-actions">
        <button type="button" className="insp-button insp-button--primary" onClick={apply}>
          Import
        </button>
        <span className="insp-muted">
          {count} variable{count === 1 ? '' : 's'} found
        </span>
        <button type="button" className="insp-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
