import { useRef, useState } from 'react';
import type { Problem } from '../../../shared/topology';
import { insertTopology, type Rename } from '../../../shared/topology/insert-topology';
import { documentWorker } from '../document-worker/document-worker';
import type { LoadPreview } from '../document-worker/document-jobs';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import type { AppState } from '../store/app-store';
import { Dialog } from '../ui/dialog';
import { readPickedFile } from './browser-files';
import { PickFileActions, YamlFileInput } from './file-picker';
import { useFilesUiStore } from './files-ui';
import { ProblemList } from './problem-list';
import '../ui/dialog.css';
import './files.css';

type Picked =
  | { state: 'none' }
  | { state: 'failed'; name: string; message?: string; problems?: Problem[] }
  | { state: 'ready'; name: string; doc: Extract<LoadPreview, { ok: true }> };

const selectDoc = (s: AppState) => s.doc;

const WHAT: Record<Rename['what'], string> = { node: 'node', secret: 'secret', config: 'config' };

/**
 * File > Insert topology: another topology or Compose file joins the open document as a group.
 * Before anything changes, the dialog lists the ids (and secret or config names) that clash and
 * what they will be renamed to; Insert applies it all as one undoable edit, Cancel changes nothing.
 */
export function InsertTopologyDialog() {
  const store = useAppStoreApi();
  const ui = useFilesUiStore();
  const doc = useAppStore(selectDoc);
  const [picked, setPicked] = useState<Picked>({ state: 'none' });
  const picker = useRef<HTMLInputElement>(null);
  const picks = useRef(0);
  const close = () => ui.setState({ dialog: null });
  const preview = picked.state === 'ready' ? insertTopology(doc, picked.doc.topology) : null;

  async function onPicked(file: File) {
    // The latest pick wins, whichever file is read first.
    const ticket = ++picks.current;
    const read = await readPickedFile(file);
    if (ticket !== picks.current) return;
    if (!read.ok) {
      setPicked({ state: 'failed', name: read.name, message: read.message });
      return;
    }
    let loaded: LoadPreview;
    try {
      loaded = await documentWorker().run({ kind: 'load', text: read.text, fileName: read.name });
    } catch (error) {
      if (ticket === picks.current) {
        setPicked({
          state: 'failed',
          name: read.name,
          message: `${read.name} could not be read: ${String(error)}`,
        });
      }
      return;
    }
    if (ticket !== picks.current) return;
    setPicked(
      loaded.ok
        ? { state: 'ready', name: read.name, doc: loaded }
        : { state: 'failed', name: read.name, problems: loaded.problems },
    );
  }

  function onInsert() {
    if (picked.state !== 'ready') return;
    const inserted = picked.doc.topology;
    let ids: readonly string[] = [];
    // One edit, so one Undo takes the whole insert back.
    store.getState().edit((current) => {
      const result = insertTopology(current, inserted);
      ids = result.ids;
      return result.topology;
    });
    store.getState().select([...ids]);
    close();
  }

  return (
    <Dialog
      title="Insert topology"
      onClose={close}
      size="large"
      actions={
        <PickFileActions picker={picker} onCancel={close}>
          <button
            type="button"
            className="primary"
            disabled={preview === null}
            title={preview ? 'Insert the nodes as a group' : 'Choose a topology or Compose file first'}
            onClick={onInsert}
          >
            Insert
          </button>
        </PickFileActions>
      }
    >
      <YamlFileInput picker={picker} label="Topology or Compose file to insert" onPicked={onPicked} />
      {picked.state === 'none' && (
        <p className="dialog__note">
          Choose a Dockwright topology or a Compose file: its nodes join this document as a group, beside what
          is here.
        </p>
      )}
      {picked.state === 'failed' && (
        <div role="alert" className="dialog__error">
          <p className="dialog__note">{picked.message ?? `${picked.name} cannot be inserted:`}</p>
          {picked.problems && <ProblemList problems={picked.problems} label={`Problems in ${picked.name}`} />}
        </div>
      )}
      {picked.state === 'ready' && preview && (
        <>
          <p className="dialog__ok" role="status">
            {preview.ids.length} node{preview.ids.length === 1 ? '' : 's'} from {picked.name} will be inserted
            as the group “{picked.doc.topology.metadata.name}”.
          </p>
          {preview.renames.length === 0 ? (
            <p className="dialog__note">No names clash: nothing is renamed.</p>
          ) : (
            <>
              <p className="dialog__note">
                These names are taken here, so the inserted ones are renamed (and every reference to them
                follows):
              </p>
              <ul className="problem-list" aria-label="Renames">
                {preview.renames.map((r) => (
                  <li key={`${r.what}:${r.from}`}>
                    <span className="problem-list__where">{WHAT[r.what]}</span>
                    <code>{r.from}</code> → <code>{r.to}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          {picked.doc.problems.length > 0 && (
            <>
              <p className="dialog__note">What did not carry over, or was converted:</p>
              <ProblemList problems={picked.doc.problems} label="Import warnings" />
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
