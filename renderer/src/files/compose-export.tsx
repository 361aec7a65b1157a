import { useEffect, useId, useMemo, useState } from 'react';
import { exportCompose, type ComposeExport } from '../../../shared/compose';
import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { ImportComposeButton, ImportComposeHost } from './compose-import';
import { ExportKubernetesButton } from './k8s-export';
import { Dialog } from '../ui/dialog';
import { copyText } from '../ui/clipboard';
import { downloadText } from './browser-files';
import { errorMessage, siblingPath } from './file-actions';
import '../ui/dialog.css';
import './files.css';

export const COMPOSE_FILE_NAME = 'docker-compose.yml';

const selectDoc = (s: AppState) => s.doc;
const selectFilePath = (s: AppState) => s.filePath;
const selectErrorCount = (s: AppState) => s.problems.filter((p) => p.severity === 'error').length;

type Outcome = { ok: true; result: ComposeExport } | { ok: false; message: string };

/** Import Compose, Export Compose and Export Kubernetes, for the app toolbar (with the import dialog). */
export function ComposeButtons() {
  return (
    <div className="app-toolbar__group" role="group" aria-label="Compose">
      <ImportComposeButton />
      <ExportComposeButton />
      <ExportKubernetesButton />
      <ImportComposeHost />
    </div>
  );
}

export function ExportComposeButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" title="Preview and save as docker-compose.yml" onClick={() => setOpen(true)}>
        Export Compose
      </button>
      {open && <ExportComposeDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Export Compose: the YAML of the current document, what Compose cannot express (the fidelity
 * report: kept in x-dockwright fields), Copy, and Save as docker-compose.yml.
 */
export function ExportComposeDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const doc = useAppStore(selectDoc);
  const filePath = useAppStore(selectFilePath);
  const errors = useAppStore(selectErrorCount);
  const [legacy, setLegacy] = useState(false);
  // Off by default: secret-looking values are written as ${VAR} references (listed below).
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [status, setStatus] = useState<{ text: string; bad?: boolean } | null>(null);
  const yamlId = useId();

  const outcome = useMemo<Outcome>(() => {
    try {
      return {
        ok: true,
        result: exportCompose(doc, { ...(legacy ? { projectName: false } : {}), includeSecrets }),
      };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }, [doc, legacy, includeSecrets]);
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
    downloadText(COMPOSE_FILE_NAME, yaml);
    if (!filePath) {
      setStatus({ text: `Downloaded ${COMPOSE_FILE_NAME}` });
      return;
    }
    const target = siblingPath(filePath, COMPOSE_FILE_NAME);
    try {
      await api.files.write({ path: target, content: yaml });
      setStatus({ text: `Downloaded ${COMPOSE_FILE_NAME} and saved ${target}` });
    } catch (error) {
      setStatus({ text: `Downloaded, but ${target} could not be saved: ${errorMessage(error)}`, bad: true });
    }
  }

  return (
    <Dialog
      title="Export Compose"
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
            Save as {COMPOSE_FILE_NAME}
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
      {outcome.ok && (
        <div className="compose-pane">
          <div className="dialog__field">
            <label htmlFor={yamlId}>Compose YAML</label>
            <textarea id={yamlId} readOnly value={yaml} spellCheck={false} rows={24} wrap="off" />
          </div>
          <section aria-label="Fidelity report">
            <h3>What Compose cannot express</h3>
            {outcome.result.fidelity.length === 0 ? (
              <p className="dialog__note">Nothing: Compose expresses this whole topology.</p>
            ) : (
              <ul className="fidelity-list">
                {outcome.result.fidelity.map((item, i) => (
                  <li key={i}>
                    {item.message}
                    <br />
                    <code>
                      {item.field} → {item.keptIn}
                    </code>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      <label className="dialog__note">
        <input type="checkbox" checked={legacy} onChange={(event) => setLegacy(event.target.checked)} /> For
        docker-compose 1.x (no top-level name)
      </label>
      <label className="dialog__note">
        <input
          type="checkbox"
          checked={includeSecrets}
          onChange={(event) => setIncludeSecrets(event.target.checked)}
        />{' '}
        Include secret values (passwords, tokens, keys) in the file
      </label>
    </Dialog>
  );
}
