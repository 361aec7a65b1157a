import { useId, useRef, useState } from 'react';
import type { ProjectVolume, RunTarget } from '../../../shared/ipc/contract';
import { formatBytes } from '../../../shared/text/sizes';
import { Dialog } from '../ui/dialog';
import type { CleanupChoice } from './run-dialog-state';
import './run-dialogs.css';

/** Clean up of a project with named volumes: they keep their data unless the box is ticked. */
export function CleanupDialog({
  project,
  volumes,
  target = 'engine',
  answer,
}: {
  project: string;
  volumes: readonly ProjectVolume[];
  target?: RunTarget;
  answer: (choice: CleanupChoice | null) => void;
}) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const textId = useId();
  const boxId = useId();
  const listId = useId();
  return (
    <Dialog
      title={`Clean up ${project}?`}
      onClose={() => answer(null)}
      initialFocus={confirm}
      describedBy={textId}
      actions={
        <>
          <button type="button" onClick={() => answer(null)}>
            Cancel
          </button>
          <button
            ref={confirm}
            type="button"
            className={removeVolumes ? 'danger' : 'primary'}
            onClick={() => answer({ volumes: removeVolumes })}
          >
            {removeVolumes ? 'Clean up and remove data' : 'Clean up'}
          </button>
        </>
      }
    >
      <p id={textId} className="dialog__note">
        {target === 'swarm'
          ? 'Its Swarm services, networks, secrets and configs are removed.'
          : 'Its containers and networks are removed.'}{' '}
        Its named volumes keep their data unless you remove them too:
      </p>
      <ul id={listId} className="cleanup-volumes" aria-label="Named volumes">
        {volumes.map((v) => (
          <li key={v.name}>
            <code>{v.name}</code>
            <span className="cleanup-volumes__size">
              {v.sizeBytes === undefined ? 'size unknown' : formatBytes(v.sizeBytes)}
            </span>
          </li>
        ))}
      </ul>
      <label className="cleanup-volumes__remove" htmlFor={boxId}>
        <input
          id={boxId}
          type="checkbox"
          checked={removeVolumes}
          aria-describedby={listId}
          onChange={(event) => setRemoveVolumes(event.target.checked)}
        />
        Also remove these volumes and their data
      </label>
    </Dialog>
  );
}
