import type { StateCreator } from 'zustand';
import {
  HEALTH_SEVERITY,
  type HealthCheckResult,
  type HealthCounts,
  type HealthRecovery,
  type HealthStateName,
  type HealthStatus,
  type HealthSummary,
} from '../../../shared/ipc/contract';

/** Check results kept per service (the main side keeps its own bounded list too). */
export const CHECKS_KEPT = 50;
/** Recovery steps kept per service. */
export const RECOVERIES_KEPT = 20;

/** One service's health as the Health panel and the node badges show it. */
export interface ServiceHealthView {
  readonly nodeId: string;
  readonly state: HealthStateName;
  /** When the service entered this state. */
  readonly since: string;
  readonly reason?: string | undefined;
  /** When degraded: the dependency at the root of it. */
  readonly cause?: string | undefined;
  readonly restarts: number;
  readonly checkFailures: number;
  readonly lastCheck?: HealthCheckResult | undefined;
  /** Oldest first, at most CHECKS_KEPT. */
  readonly checks: readonly HealthCheckResult[];
  /** Oldest first, at most RECOVERIES_KEPT. */
  readonly recoveries: readonly HealthRecovery[];
}

/** The health of one project's services: the current run's (or, read back, its latest run's). */
export interface HealthView {
  readonly project: string | null;
  readonly runId: string | null;
  /** False when read back from the run history: nobody watches the services now. */
  readonly monitoring: boolean;
  readonly services: Readonly<Record<string, ServiceHealthView>>;
}

export const EMPTY_HEALTH: HealthView = { project: null, runId: null, monitoring: false, services: {} };

export const HEALTH_STATES: readonly HealthStateName[] = [
  'healthy',
  'starting',
  'unknown',
  'degraded',
  'unhealthy',
  'failed',
];

export interface HealthOverview {
  readonly counts: HealthCounts;
  readonly total: number;
  /** The worst state of any service; null when no service is watched. */
  readonly overall: HealthStateName | null;
}

export function summarizeHealth(services: Readonly<Record<string, ServiceHealthView>>): HealthOverview {
  const counts: HealthCounts = { starting: 0, healthy: 0, degraded: 0, unhealthy: 0, unknown: 0, failed: 0 };
  let overall: HealthStateName | null = null;
  let total = 0;
  for (const service of Object.values(services)) {
    counts[service.state]++;
    total++;
    if (overall === null || HEALTH_SEVERITY[service.state] > HEALTH_SEVERITY[overall])
      overall = service.state;
  }
  return { counts, total, overall };
}

const checkKey = (c: HealthCheckResult) => `${c.at}|${c.check}|${c.container ?? ''}`;
const recoveryKey = (r: HealthRecovery) => `${r.at}|${r.result}|${r.attempt ?? ''}`;

/** Both lists oldest first; the result too, without duplicates, the newest `limit` kept. */
function mergeByTime<T extends { at: string }>(
  kept: readonly T[],
  incoming: readonly T[],
  key: (item: T) => string,
  limit: number,
): readonly T[] {
  if (incoming.length === 0) return kept;
  const seen = new Set(kept.map(key));
  const fresh = incoming.filter((item) => !seen.has(key(item)));
  if (fresh.length === 0) return kept;
  // Almost always the new items come after the kept ones: only sort when they do not.
  const last = kept.at(-1);
  const merged = [...kept, ...fresh];
  if (last && fresh.some((item) => item.at < last.at)) merged.sort((a, b) => (a.at < b.at ? -1 : 1));
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

function newService(nodeId: string, state: HealthStateName, since: string): ServiceHealthView {
  return { nodeId, state, since, restarts: 0, checkFailures: 0, checks: [], recoveries: [] };
}

/** The view an event of `project`/`runId` lands in: a new run (or project) starts a clean one. */
function viewFor(view: HealthView, project: string, runId: string): HealthView {
  if (view.project === project && view.runId === runId) return view;
  if (view.project === project && view.runId === null) return { ...view, runId };
  return { project, runId, monitoring: true, services: {} };
}

function withService(view: HealthView, service: ServiceHealthView): HealthView {
  return { ...view, services: { ...view.services, [service.nodeId]: service } };
}

/** A `health.status` event: the service's state changed (or its cause did). */
export function reduceHealthStatus(view: HealthView, event: HealthStatus): HealthView {
  const base = viewFor(view, event.project, event.runId);
  const known = base.services[event.nodeId];
  const checks = event.lastCheck
    ? mergeByTime(known?.checks ?? [], [event.lastCheck], checkKey, CHECKS_KEPT)
    : (known?.checks ?? []);
  const addedFailure = event.lastCheck && !event.lastCheck.ok && checks !== known?.checks ? 1 : 0;
  let next: ServiceHealthView = {
    ...(known ?? newService(event.nodeId, event.state, event.since)),
    checks,
    checkFailures: (known?.checkFailures ?? 0) + addedFailure,
  };
  // A snapshot read a moment ago may already be newer than an event still in flight.
  if (!known || event.since >= known.since) {
    next = {
      ...next,
      state: event.state,
      since: event.since,
      reason: event.reason,
      cause: event.cause,
      restarts: Math.max(event.restarts, known?.restarts ?? 0),
    };
  }
  if (event.lastCheck && (!next.lastCheck || event.lastCheck.at >= next.lastCheck.at)) {
    next = { ...next, lastCheck: event.lastCheck };
  }
  return { ...withService(base, next), monitoring: true };
}

/** A `health.recovery` event: a step of healing a service. */
export function reduceHealthRecovery(view: HealthView, event: HealthRecovery): HealthView {
  const base = viewFor(view, event.project, event.runId);
  const known = base.services[event.nodeId] ?? newService(event.nodeId, 'unknown', event.at);
  const recoveries = mergeByTime(known.recoveries, [event], recoveryKey, RECOVERIES_KEPT);
  if (recoveries === known.recoveries && base === view) return view;
  return { ...withService(base, { ...known, recoveries }), monitoring: true };
}

/** A `health.get` answer: the whole picture, merged with what events have told since it was read. */
export function reduceHealthSummary(view: HealthView, summary: HealthSummary): HealthView {
  const runId = summary.runId ?? null;
  const same = view.project === summary.project && view.runId === runId;
  const services: Record<string, ServiceHealthView> = same ? { ...view.services } : {};
  for (const [nodeId, read] of Object.entries(summary.services)) {
    const known = services[nodeId];
    const newer = !known || read.since >= known.since;
    services[nodeId] = {
      nodeId,
      state: newer ? read.state : known.state,
      since: newer ? read.since : known.since,
      reason: newer ? read.reason : known.reason,
      cause: newer ? read.cause : known.cause,
      restarts: Math.max(read.restarts, known?.restarts ?? 0),
      checkFailures: Math.max(read.checkFailures, known?.checkFailures ?? 0),
      lastCheck:
        known?.lastCheck && (!read.lastCheck || known.lastCheck.at > read.lastCheck.at)
          ? known.lastCheck
          : read.lastCheck,
      checks: mergeByTime(known?.checks ?? [], read.checks, checkKey, CHECKS_KEPT),
      recoveries: mergeByTime(known?.recoveries ?? [], read.recoveries, recoveryKey, RECOVERIES_KEPT),
    };
  }
  return { project: summary.project, runId, monitoring: summary.monitoring, services };
}

export interface HealthSlice {
  health: HealthView;
  applyHealthStatus: (event: HealthStatus) => void;
  applyHealthRecovery: (event: HealthRecovery) => void;
  applyHealthSummary: (summary: HealthSummary) => void;
  /** Forgets what is shown: another project is current, or it has no run to read health from. */
  resetHealth: (project: string | null) => void;
}

export const createHealthSlice: StateCreator<HealthSlice, [], [], HealthSlice> = (set, get) => {
  const update = (next: HealthView) => {
    if (next !== get().health) set({ health: next });
  };
  return {
    health: EMPTY_HEALTH,
    applyHealthStatus: (event) => update(reduceHealthStatus(get().health, event)),
    applyHealthRecovery: (event) => update(reduceHealthRecovery(get().health, event)),
    applyHealthSummary: (summary) => update(reduceHealthSummary(get().health, summary)),
    resetHealth(project) {
      const { health } = get();
      if (health.project === project && health.runId === null && Object.keys(health.services).length === 0)
        return;
      set({ health: { ...EMPTY_HEALTH, project } });
    },
  };
};
