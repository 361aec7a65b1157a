import { useEffect, useId, useMemo, useState } from 'react';
import { DEFAULT_WAIT_IMAGE, exportKubernetes, type K8sExport } from '../../../shared/k8s';
import { useApi } from '../api/api-context';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { Dialog } from '../ui/dialog';
import { copyText } from '../ui/clipboard';
import { downloadText } from './browser-files';
import { errorMessage, siblingPath } from './file-actions';
import '../ui/dialog.css';
import './files.css';

const selectDoc = (s: AppState) => s.doc;
const selectFilePath = (s: AppState) => s.filePath;
const selectErrorCount = (s: AppState) => s.problems.filter((p) => p.severity === 'error').length;

type Outcome = { ok: true; result: K8sExport } | { ok: false; message: string };

/** `shop.k8s.yaml`: the project's name, so it does not overwrite another export beside it. */
export const k8sFileName = (project: string): string =>
  `${project.replace(/[^A-Za-z0-9._-]+/g, '-') || 'topology'}.k8s.yaml`;

export function ExportKubernetesButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" title="Preview and save as Kubernetes objects" onClick={() => setOpen(true)}>
        Export Kubernetes
      </button>
      {open && <ExportKubernetesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Export Kubernetes: the objects of the current document as one multi-document YAML, what
 * Kubernetes cannot express (the fidelity report, with the commands to finish by hand), Copy,
 * and Save (a download; beside a server-side topology file too).
 */
export function ExportKubernetesDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const doc = useAppStore(selectDoc);
  const filePath = useAppStore(selectFilePath);
  const errors = useAppStore(selectErrorCount);
  const [namespace, setNamespace] = useState('default');
  const [waitImage, setWaitImage] = useState(DEFAULT_WAIT_IMAGE);
  const [status, setStatus] = useState<{ text: string; bad?: boolean } | null>(null);
  const yamlId = useId();
  const namespaceId = useId();
  const imageId = useId();
  const fileName = k8sFileName(doc.metadata.name);

  const outcome = useMemo<Outcome>(() => {
    try {
      return {
        ok: true,
        result: exportKubernetes(doc, {
          namespace: namespace.trim() || 'default',
          waitImage: waitImage.trim() || DEFAULT_WAIT_IMAGE,
        }),
      };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }, [doc, namespace, waitImage]);
  const yaml = outcome.ok ? outcome.result.yaml : '';

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
      title="Export Kubernetes"
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
      <div className="dialog__field">
        <label htmlFor={namespaceId}>Namespace</label>
        <input id={namespaceId} value={namespace} onChange={(event) => setNamespace(event.target.value)} />
      </div>
      <div className="dialog__field">
        <label htmlFor={imageId}>Wait image (sh and kubectl, for the dependency waits)</label>
        <input id={imageId} value={waitImage} onChange={(event) => setWaitImage(event.target.value)} />
      </div>
      {outcome.ok && (
        <div className="compose-pane">
          <div className="dialog__field">
            <label htmlFor={yamlId}>Kubernetes YAML ({outcome.result.objects.length} objects)</label>
            <textarea id={yamlId} readOnly value={yaml} spellCheck={false} rows={24} wrap="off" />
          </div>
          <section aria-label="Fidelity report">
            <h3>What Kubernetes cannot express</h3>
            {outcome.result.fidelity.length === 0 ? (
              <p className="dialog__note">Nothing: Kubernetes expresses this whole topology.</p>
            ) : (
              <ul className="fidelity-list">
                {outcome.result.fidelity.map((item, i) => (
                  <li key={i} data-level={item.level}>
                    {item.message}
                    <br />
                    <code>
                      {item.field}
                      {item.object === undefined ? '' : ` → ${item.object}`}
                    </code>
                    {item.command !== undefined && (
                      <>
                        <br />
                        <code>{item.command}</code>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </Dialog>
  );
}
