import { useMemo, useState } from 'react';
import { exportCompose } from '../../../shared/compose';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { ImportComposeButton, ImportComposeHost } from './compose-import';
import { ExportKubernetesButton } from './k8s-export';
import { ExportButton, ExportDialog, tryExport } from './export-dialog';

export const COMPOSE_FILE_NAME = 'docker-compose.yml';

const selectDoc = (s: AppState) => s.doc;

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
  return (
    <ExportButton
      label="Export Compose"
      title="Preview and save as docker-compose.yml"
      dialog={(onClose) => <ExportComposeDialog onClose={onClose} />}
    />
  );
}

/**
 * Export Compose: the YAML of the current document, what Compose cannot express (the fidelity
 * report: kept in x-dockwright fields), Copy, and Save as docker-compose.yml.
 */
export function ExportComposeDialog({ onClose }: { onClose: () => void }) {
  const doc = useAppStore(selectDoc);
  const [legacy, setLegacy] = useState(false);
  // Off by default: secret-looking values are written as ${VAR} references (listed below).
  const [includeSecrets, setIncludeSecrets] = useState(false);

  const outcome = useMemo(
    () => tryExport(() => exportCompose(doc, { ...(legacy ? { projectName: false } : {}), includeSecrets })),
    [doc, legacy, includeSecrets],
  );

  return (
    <ExportDialog
      format="Compose"
      fileName={COMPOSE_FILE_NAME}
      outcome={outcome}
      yamlLabel={() => 'Compose YAML'}
      renderItem={(item, i) => (
        <li key={i}>
          {item.message}
          <br />
          <code>
            {item.field} → {item.keptIn}
          </code>
        </li>
      )}
      onClose={onClose}
    >
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
    </ExportDialog>
  );
}
