import { useId, useRef } from 'react';
import type { ConsentRequest } from '../../../shared/ipc/contract';
import { Dialog } from '../ui/dialog';
import './run-dialogs.css';

/** Lists every dangerous setting of the topology, with why; "Run anyway" or Cancel (the default). */
export function ConsentDialog({
  request,
  answer,
}: {
  request: ConsentRequest;
  answer: (run: boolean) => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  const textId = useId();
  const count = request.settings.length;
  return (
    <Dialog
      title="Run with dangerous settings?"
      onClose={() => answer(false)}
      size="large"
      initialFocus={cancel}
      describedBy={textId}
      actions={
        <>
          <button ref={cancel} type="button" onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => answer(true)}>
            Run anyway
          </button>
        </>
      }
    >
      <p id={textId} className="dialog__note">
        This topology asks for {count} setting{count === 1 ? '' : 's'} that give its containers power over
        this machine. Run it only if you trust it. Your answer is remembered for exactly these settings: if
        one changes, you are asked again.
      </p>
      <table className="consent-table" aria-label="Dangerous settings">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Why it is dangerous</th>
          </tr>
        </thead>
        <tbody>
          {request.settings.map((s) => (
            <tr key={`${s.nodeId} ${s.setting}`}>
              <td>{s.nodeId}</td>
              <td className="consent-table__setting">
                <code>{s.setting}</code>
              </td>
              <td>
                <code>{s.value}</code>
              </td>
              <td>{s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
