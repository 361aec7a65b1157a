import { useId, useRef, useState } from 'react';
import { autoLayout, moveNodes, unplacedNodes, type Problem, type Topology } from '../../../shared/topology';
import { useImportPreview } from '../document-worker/use-import-preview';
import { useAppStoreApi } from '../store/store-context';
import { Dialog } from '../ui/dialog';
import { readPickedFile } from './browser-files';
import { PickFileActions, YamlFileInput } from './file-picker';
import { useFileCommands } from './file-commands';
import { useFilesUi, useFilesUiStore, type FilesUiState } from './files-ui';
import { ProblemList } from './problem-list';
import '../ui/dialog.css';
import './files.css';

/** A re-imported export keeps its saved layout; anything else is laid out afresh, as a whole. */
export function layoutImported(topology: Topology): Topology {
  return unplacedNodes(topology).length === 0 ? topology : moveNodes(topology, autoLayout(topology));
}

function summary(topology: Topology): string {
  const counts = new Map<string, number>();
  for (const node of Object.values(topology.spec.nodes))
    counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no nodes';
}

/** The button that opens the import dialog (asking first when there are unsaved changes). */
export function ImportComposeButton() {
  const commands = useFileCommands();
  return (
    <button
      type="button"
      title="Import a docker-compose.yml"
      onClick={() => commands.request({ kind: 'import' })}
    >
      Import Compose
    </button>
  );
}

const selectDialog = (s: FilesUiState) => s.dialog;

/** Shows the import dialog while the file commands ask for it. */
export function ImportComposeHost() {
  const dialog = useFilesUi(selectDialog);
  if (dialog?.kind !== 'import') return null;
  return <ImportComposeDialog text={dialog.text} fileName={dialog.fileName} />;
}

/**
 * Import Compose: paste YAML or pick a file, see at once what will be imported and what will not
 * carry over (the importer's warnings), then Import replaces the document (unsaved, laid out).
 * Malformed or hostile input only shows its problems; the current document stays as it was.
 */
export function ImportComposeDialog(props: { text?: string | undefined; fileName?: string | undefined }) {
  const store = useAppStoreApi();
  const ui = useFilesUiStore();
  const [text, setText] = useState(props.text ?? '');
  const [fileName, setFileName] = useState(props.fileName);
  const [pickError, setPickError] = useState<string | null>(null);
  const [imported, setImported] = useState<{ summary: string; warnings: Problem[] } | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const textId = useId();
  // Read in the document worker: a 5 MB paste never freezes the dialog.
  const { result, stale } = useImportPreview(text, fileName);
  const close = () => ui.setState({ dialog: null });

  async function onPicked(file: File) {
    const picked = await readPickedFile(file);
    if (!picked.ok) {
      setPickError(picked.message);
      return;
    }
    setPickError(null);
    setFileName(picked.name);
    setText(picked.text);
  }

  function onImport() {
    if (!result?.ok || stale) return;
    const topology = layoutImported(result.topology);
    const state = store.getState();
    state.loadDocument(topology, null, { dirty: true });
    state.select([]);
    ui.setState({ diskFile: null });
    if (result.problems.length === 0) close();
    else setImported({ summary: summary(topology), warnings: result.problems });
  }

  if (imported) {
    return (
      <Dialog
        title="Import Compose"
        onClose={close}
        size="large"
        actions={
          <button type="button" className="primary" onClick={close}>
            Close
          </button>
        }
      >
        <p role="status" className="dialog__ok">
          Imported {imported.summary}. The topology is not saved yet.
        </p>
        <p className="dialog__note">What did not carry over, or was converted:</p>
        <ProblemList problems={imported.warnings} label="Import warnings" />
      </Dialog>
    );
  }

  const ready = result?.ok === true && !stale;
  return (
    <Dialog
      title="Import Compose"
      onClose={close}
      size="large"
      actions={
        <PickFileActions picker={picker} onCancel={close}>
          <button
            type="button"
            className="primary"
            disabled={!ready}
            title={
              ready
                ? 'Replace the document with the imported topology'
                : 'Paste or choose a valid Compose file first'
            }
            onClick={onImport}
          >
            Import
          </button>
        </PickFileActions>
      }
    >
      <YamlFileInput picker={picker} label="Compose file from disk" onPicked={onPicked} />
      <div className="dialog__field">
        <label htmlFor={textId}>Compose YAML</label>
        <textarea
          id={textId}
          value={text}
          spellCheck={false}
          placeholder={'services:\n  web:\n    image: nginx:1.27'}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {fileName && <p className="dialog__note">From {fileName}</p>}
      {pickError && (
        <p role="alert" className="dialog__error">
          {pickError}
        </p>
      )}
      {result && !result.ok && (
        <div role="alert" className="dialog__error">
          <p className="dialog__note">This cannot be imported:</p>
          <ProblemList problems={result.problems} label="Import errors" />
        </div>
      )}
      {result?.ok && (
        <>
          <p className="dialog__ok">Ready to import {summary(result.topology)}.</p>
          {result.problems.length > 0 && (
            <>
              <p className="dialog__note">
                {result.problems.length} thing{result.problems.length === 1 ? '' : 's'} will not carry over
                exactly:
              </p>
              <ProblemList problems={result.problems} label="Import warnings" />
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
