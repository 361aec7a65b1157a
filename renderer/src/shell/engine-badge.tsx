import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';

type BadgeView = { tone: 'ok' | 'bad' | 'pending'; text: string; detail: string };

export function engineBadgeView(
  state: Pick<AppState, 'engineStatus' | 'engineInfo' | 'engineError'>,
): BadgeView {
  const { engineStatus: status, engineInfo: info, engineError: error } = state;
  if (error && !status) return { tone: 'bad', text: 'Dockwright server unreachable', detail: error };
  if (status?.state === 'connected') {
    const version = info?.reachable ? info.version : status.version;
    const api = info?.reachable ? info.apiVersion : status.apiVersion;
    const detail = info?.reachable
      ? `${info.host} · ${info.os} · ${info.containers} containers · ${info.images} images`
      : status.host;
    return { tone: 'ok', text: `Docker ${version ?? '?'} · API ${api ?? '?'}`, detail };
  }
  if (status?.state === 'disconnected') {
    return { tone: 'bad', text: 'Docker engine unreachable', detail: status.reason ?? status.host };
  }
  return { tone: 'pending', text: 'Connecting to Docker…', detail: status?.host ?? '' };
}

const selectBadge = (state: AppState) => engineBadgeView(state);

export const EngineBadge = memo(function EngineBadge() {
  const view = useAppStore(useShallow(selectBadge));
  return (
    <div
      className={`engine-badge engine-badge--${view.tone}`}
      role="status"
      aria-label="Docker engine"
      title={view.detail}
    >
      <span className="engine-badge__dot" aria-hidden="true" />
      <span className="engine-badge__text">{view.text}</span>
    </div>
  );
});
