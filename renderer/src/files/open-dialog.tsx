import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { TopologyFileEntry } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { Dialog } from '../ui/dialog';
import { readPickedFile } from './browser-files';
import { errorMessage } from './file-actions';
import { useFileCommands } from './file-commands';
import type { OpenFailure } from './files-ui';
import { ProblemList } from './problem-list';
import './files.css';

type Listing =
  { state: 'loading' } | { state: 'ready'; files: TopologyFileEntry[] } | { state: 'error'; message: string };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * Open: the topology files kept in the data directory, or a file from the user's disk through
 * the browser's picker. A file that does not load leaves the current document as it was and
 * shows why, line by line.
 */
export function OpenDialog({ failure: initialFailure }: { failure?: OpenFailure | undefined }) {
  // The dialog is mounted afresh for each failure it opens with (see FileDialogs).
  const api = useApi();
  const commands = useFileCommands();
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [failure, setFailure] = useState<OpenFailure | undefined>(initialFailure);
  const [opening, setOpening] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    api.files.list().then(
      (files) => live && setListing({ state: 'ready', files }),
      (error: unknown) => live && setListing({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  async function openServerFile(path: string) {
    setOpening(path);
    setFailure(undefined);
    try {
      const { content } = await api.files.read({ path });
      const result = await commands.openText(content, { path, fileName: path });
      if (result) setFailure(result);
    } catch (error) {
      setFailure({ source: path, message: errorMessage(error) });
    } finally {
      setOpening(null);
    }
  }

  async function onPicked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Let the same file be picked again after fixing it.
    event.target.value = '';
    if (!file) return;
    setFailure(undefined);
    const picked = await readPickedFile(file);
    if (!picked.ok) {
      setFailure({ source: picked.name, message: picked.message });
      return;
    }
    const result = await commands.openText(picked.text, { path: null, fileName: picked.name });
    if (result) setFailure(result);
  }

  return (
    <Dialog
      title="Open"
      onClose={commands.closeDialog}
      actions={
        <>
          <button type="button" onClick={() => picker.current?.click()}>
            Open from disk…
          </button>
          <button type="button" onClick={commands.closeDialog}>
            Cancel
          </button>
        </>
      }
    >
      <input
        ref={picker}
        type="file"
        accept=".yaml,.yml,.json,application/yaml,application/json"
        aria-label="Topology file from disk"
        hidden
        onChange={(event) => void onPicked(event)}
      />
      {failure && (
        <div role="alert" className="dialog__error">
          <p className="dialog__note">
            {failure.message ?? `"${failure.source}" could not be opened; the current document is unchanged.`}
          </p>
          {failure.problems && (
            <ProblemList problems={failure.problems} label={`Problems in ${failure.source}`} />
          )}
        </div>
      )}
      <p className="dialog__note">Topology files in the data directory:</p>
      {listing.state === 'loading' && <p className="dialog__note">Loading…</p>}
      {listing.state === 'error' && (
        <p role="alert" className="dialog__error">
          The files could not be listed: {listing.message}
        </p>
      )}
      {listing.state === 'ready' && listing.files.length === 0 && (
        <p className="dialog__note">No saved topologies yet. Use Open from disk… or Save As.</p>
      )}
      {listing.state === 'ready' && listing.files.length > 0 && (
        <ul className="file-list" aria-label="Saved topologies">
          {listing.files.map((file) => (
            <li key={file.path}>
              <button
                type="button"
                disabled={opening !== null}
                aria-busy={opening === file.path}
                onClick={() => void openServerFile(file.path)}
              >
                {file.path}
              </button>
              <span className="file-list__meta">
                {sizeText(file.sizeBytes)} · {dateFormat.format(new Date(file.modifiedAt))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
