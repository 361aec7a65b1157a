import { useEffect, useId, useState, type ReactElement, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { Dialog } from '../ui/dialog';
import { copyText } from '../ui/clipboard';
import { downloadText } from './browser-files';
import { errorMessage, siblingPath } from './file-actions';
import '../ui/dialog.css';
import './files.css';

const selectFilePath = (s: AppState) => s.filePath;
const selectErrorCount = (s: AppState) => s.problems.filter((p) => p.severity === 'error').length;

/** What an export wrote: the YAML, and what the format could not express. */
export interface ExportResult {
  readonly yaml: string;
  readonly fidelity: readonly unknown[];
}

export type ExportOutcome<Result> = { ok: true; result: Result } | { ok: false; message: string };

/** Runs an export, turning what it throws into a message to show. */
export function tryExport<Result>(run: () => Result): ExportOutcome<Result> {
  try {
    return { ok: true, result: run() };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** The toolbar button that opens an export dialog. */
export function ExportButton(props: {
  label: string;
  title: string;
  dialog: (onClose: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" title={props.title} onClick={() => setOpen(true)}>
        {props.label}
      </button>
      {open && props.dialog(() => setOpen(false))}
    </>
  );
}

export interface ExportDialogProps<Result extends ExportResult> {
  /** The format's name, as in "Export Compose" and "What Compose cannot express". */
  format: string;
  /** The name the YAML is downloaded as (and saved as, beside a server-side topology file). */
  fileName: string;
  outcome: ExportOutcome<Result>;
  yamlLabel: (result: Result) => string;
  /** One entry of the fidelity report, as its `<li>` (keyed by the caller). */
  renderItem: (item: Result['fidelity'][number], index: number) => ReactElement;
  /** Options shown above the preview. */
  options?: ReactNode;
  /** Options shown below the preview. */
  children?: ReactNode;
  onClose: () => void;
}

/**
 * An export's dialog: the YAML of the current document, what the format cannot express (the
 * fidelity report), Copy, and Save (a download; beside a server-side topology file too).
 */
export function ExportDialog<Result extends ExportResult>(props: ExportDialogProps<Result>) {
  const { format, fileName, outcome, onClose } = props;
  const api = useApi();
  const filePath = useAppStore(selectFilePath);
  const errors = useAppStore(selectErrorCount);
  const [status, setStatus] = useState<{ text: string; bad?: boolean } | null>(null);
  const yamlId = useId();
  const yaml = outcome.ok ? outcome.result.yaml : '';

  // A confirmation fades after a while; a new one restarts the wait.
  useEffect(() => {
    if (!status || status.bad) return;
    const timer = setTimeout(() => setStatus(null), 4000);
    return () => clearTimeout(timer);
  }, [status]);

  async function onCopy() {
    const copied = await copyText(yaml);
    setStatus(
      copied ? { text: 'Copied' } : { text: 'Copy failed: select the YAML and copy it by hand.', bad: true },
    );
  }

  async function onSave() {
    downloadText(fileName, yaml);
    if (!filePath) {
      setStatus({ text: `Downloaded ${fileName}` });
      return;
    }
    const target = siblingPath(filePath, fileName);
    try {
      await api.files.write({ path: target, content: yaml });
      setStatus({ text: `Downloaded ${fileName} and saved ${target}` });
    } catch (error) {
      setStatus({ text: `Downloaded, but ${target} could not be saved: ${errorMessage(error)}`, bad: true });
    }
  }

  return (
    <Dialog
      title={`Export ${format}`}
      onClose={onClose}
      size="large"
      actions={
        <>
          {status && (
            <span
              role={status.bad ? 'alert' : 'status'}
              className={status.bad ? 'dialog__error compose-status' : 'compose-status'}
            >
              {status.text}
            </span>
          )}
          <button type="button" disabled={!outcome.ok} onClick={() => void onCopy()}>
            Copy
          </button>
          <button type="button" disabled={!outcome.ok} onClick={() => void onSave()}>
            Save as {fileName}
          </button>
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {errors > 0 && (
        <p className="dialog__error">
          The topology has {errors} error{errors === 1 ? '' : 's'} (see Problems): the export may not run as
          it is.
        </p>
      )}
      {!outcome.ok && (
        <p role="alert" className="dialog__error">
          The topology could not be exported: {outcome.message}
        </p>
      )}
      {props.options}
      {outcome.ok && (
        <div className="compose-pane">
          <div className="dialog__field">
            <label htmlFor={yamlId}>{props.yamlLabel(outcome.result)}</label>
            <textarea id={yamlId} readOnly value={yaml} spellCheck={false} rows={24} wrap="off" />
          </div>
          <section aria-label="Fidelity report">
            <h3>{`What ${format} cannot express`}</h3>
            {outcome.result.fidelity.length === 0 ? (
              <p className="dialog__note">{`Nothing: ${format} expresses this whole topology.`}</p>
            ) : (
              <ul className="fidelity-list">{outcome.result.fidelity.map(props.renderItem)}</ul>
            )}
          </section>
        </div>
      )}
      {props.children}
    </Dialog>
  );
}
