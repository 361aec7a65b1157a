import { useEffect, useState } from 'react';
import type { LinkState } from '../../../shared/ipc/transport';
import { useApi } from '../api/api-context';

/**
 * Says when the page has lost its link to the Dockwright server and is getting it back (the web
 * mode: the server restarted, the network dropped). Nothing is shown while the link is fine.
 */
export function LinkBadge() {
  const api = useApi();
  const [link, setLink] = useState<LinkState | null>(null);
  useEffect(() => api.onLink(setLink), [api]);
  if (link?.state !== 'reconnecting') return null;
  return (
    <div
      className="engine-badge engine-badge--pending"
      role="status"
      aria-label="Connection to Dockwright"
      title={`The link to the Dockwright server dropped (${link.reason}); trying again`}
    >
      <span className="engine-badge__dot" aria-hidden="true" />
      <span className="engine-badge__text">Reconnecting…</span>
    </div>
  );
}
