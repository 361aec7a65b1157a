import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { Dialog } from '../ui/dialog';

/** About: the name, version and where the data is; updates are not automatic in this version. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.app.info().then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);
  return (
    <Dialog
      title="About Dockwright"
      onClose={onClose}
      size="small"
      actions={
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      }
    >
      {error && <p role="alert">{error}</p>}
      {info && (
        <dl className="about-list">
          <dt>Version</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>Mode</dt>
          <dd>{info.mode === 'desktop' ? 'Desktop app' : 'Web mode'}</dd>
          <dt>Data directory</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
        </dl>
      )}
      <p className="dialog__note">Updates are not automatic: install a newer release to update.</p>
    </Dialog>
  );
}
