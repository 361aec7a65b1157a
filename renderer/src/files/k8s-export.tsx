import { useId, useMemo, useState } from 'react';
import { DEFAULT_WAIT_IMAGE, exportKubernetes } from '../../../shared/k8s';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { ExportButton, ExportDialog, tryExport } from './export-dialog';

const selectDoc = (s: AppState) => s.doc;

/** `shop.k8s.yaml`: the project's name, so it does not overwrite another export beside it. */
export const k8sFileName = (project: string): string =>
  `${project.replace(/[^A-Za-z0-9._-]+/g, '-') || 'topology'}.k8s.yaml`;

export function ExportKubernetesButton() {
  return (
    <ExportButton
      label="Export Kubernetes"
      title="Preview and save as Kubernetes objects"
      dialog={(onClose) => <ExportKubernetesDialog onClose={onClose} />}
    />
  );
}

/**
 * Export Kubernetes: the objects of the current document as one multi-document YAML, what
 * Kubernetes cannot express (the fidelity report, with the commands to finish by hand), Copy,
 * and Save (a download; beside a server-side topology file too).
 */
export function ExportKubernetesDialog({ onClose }: { onClose: () => void }) {
  const doc = useAppStore(selectDoc);
  const [namespace, setNamespace] = useState('default');
  const [waitImage, setWaitImage] = useState(DEFAULT_WAIT_IMAGE);
  const namespaceId = useId();
  const imageId = useId();

  const outcome = useMemo(
    () =>
      tryExport(() =>
        exportKubernetes(doc, {
          namespace: namespace.trim() || 'default',
          waitImage: waitImage.trim() || DEFAULT_WAIT_IMAGE,
        }),
      ),
    [doc, namespace, waitImage],
  );

  return (
    <ExportDialog
      format="Kubernetes"
      fileName={k8sFileName(doc.metadata.name)}
      outcome={outcome}
      yamlLabel={(result) => `Kubernetes YAML (${result.objects.length} objects)`}
      renderItem={(item, i) => (
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
      )}
      options={
        <>
          <div className="dialog__field">
            <label htmlFor={namespaceId}>Namespace</label>
            <input
              id={namespaceId}
              value={namespace}
              onChange={(event) => setNamespace(event.target.value)}
            />
          </div>
          <div className="dialog__field">
            <label htmlFor={imageId}>Wait image (sh and kubectl, for the dependency waits)</label>
            <input id={imageId} value={waitImage} onChange={(event) => setWaitImage(event.target.value)} />
          </div>
        </>
      }
      onClose={onClose}
    />
  );
}
