import { memo, useState } from 'react';
import type { HealthStateName } from '../../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { HEALTH_LOOK } from './health-look';

/*
 * What a node card shows of its service's health. Each card selects its own service's state and
 * restart count (two numbers and a word), so a check on one service re-renders one card.
 */

export function useNodeHealthState(nodeId: string): HealthStateName | undefined {
  return useAppStore((s) => s.health.services[nodeId]?.state);
}

function useNodeRestarts(nodeId: string): number {
  return useAppStore((s) => s.health.services[nodeId]?.restarts ?? 0);
}

/** "♥ healthy · ↻2". */
export const NodeHealthBadge = memo(function NodeHealthBadge({
  nodeId,
  state,
}: {
  nodeId: string;
  state: HealthStateName;
}) {
  const restarts = useNodeRestarts(nodeId);
  const look = HEALTH_LOOK[state];
  const label = `health ${look.word}${restarts > 0 ? `, ${restarts} ${restarts === 1 ? 'restart' : 'restarts'}` : ''}`;
  return (
    <span
      className={`dw-health dw-health--${look.tone}`}
      data-testid={`health-badge-${nodeId}`}
      title={label}
      // A plain span may not carry aria-label (axe: aria-prohibited-attr); as an image it may.
      role="img"
      aria-label={label}
    >
      <span aria-hidden="true">
        {look.icon} {look.word}
        {restarts > 0 && ` · ↻${restarts}`}
      </span>
    </span>
  );
});

/** Kills the service's containers hard, to watch the monitor notice and heal it. */
export const KillButton = memo(function KillButton({ nodeId }: { nodeId: string }) {
  const api = useApi();
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);
  const kill = async () => {
    const project = store.getState().run?.project;
    if (!project) return;
    setBusy(true);
    try {
      await api.chaos.kill({ project, nodeId });
    } catch (error) {
      store
        .getState()
        .setRunError(`Kill ${nodeId}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="dw-kill nodrag nopan"
      aria-label={`Kill ${nodeId}`}
      title={`Kill ${nodeId} (SIGKILL) and watch the health monitor heal it`}
      disabled={busy}
      // The card's own click selects the node and starts a drag: this button does neither.
      onPointerDown={(event) => event.stopPropagation()}
      onClick={(event) => {
        event.stopPropagation();
        void kill();
      }}
    >
      <span aria-hidden="true">⚡</span>
    </button>
  );
});
