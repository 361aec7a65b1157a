import type { ResolvedCheck } from './check-spec';
import type { ContainerSnapshot } from './health-docker';

/** What the monitor knows about one container of a service (one replica). */
export interface Replica {
  readonly name: string;
  id: string;
  snapshot: ContainerSnapshot;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  /** The engine reported a `kill` through its API (`docker kill`) since the last start. */
  killedByApi: boolean;
  removed: boolean;
  /** Start of the current run in the engine's clock: events older than this are stale. */
  startedAtMs: number;
  /** Start of the current run in the monitor's clock: what start periods count from. */
  localStartMs: number;
  engineHealth: ContainerSnapshot['engineHealth'];
  /** Failures in a row, per check id. */
  readonly failures: Map<string, number>;
  /** Checks that passed since the current start. */
  readonly passed: Set<string>;
  readonly lastFailure: Map<string, string>;
  /** The monitor is restarting or recreating it: its events are its own doing. */
  busy: boolean;
}

export type VerdictKind = 'ok' | 'pending' | 'failing' | 'exited';

export interface Verdict {
  readonly kind: VerdictKind;
  readonly reason: string;
}

const RANK: Readonly<Record<VerdictKind, number>> = { ok: 0, pending: 1, failing: 2, exited: 3 };

export function newReplica(snapshot: ContainerSnapshot, now: number): Replica {
  return {
    name: snapshot.name,
    id: snapshot.id,
    snapshot,
    running: snapshot.running,
    exitCode: snapshot.exitCode,
    oomKilled: snapshot.oomKilled,
    killedByApi: false,
    removed: false,
    startedAtMs: snapshot.startedAtMs,
    localStartMs: now,
    engineHealth: snapshot.engineHealth,
    failures: new Map(),
    passed: new Set(),
    lastFailure: new Map(),
    busy: false,
  };
}

/** Forgets what the checks said: the container (re)started, or is re-checked from scratch. */
export function resetChecks(replica: Replica, now: number): void {
  replica.failures.clear();
  replica.passed.clear();
  replica.lastFailure.clear();
  replica.localStartMs = now;
}

/**
 * Takes in a fresh inspect. A different start time means the container ran again (the engine's
 * restart policy, someone's `docker start`, our restart): its checks start over.
 */
export function refresh(replica: Replica, snapshot: ContainerSnapshot, now: number): void {
  const restarted = snapshot.startedAtMs !== replica.startedAtMs || snapshot.id !== replica.id;
  replica.id = snapshot.id;
  replica.snapshot = snapshot;
  replica.running = snapshot.running;
  replica.exitCode = snapshot.exitCode;
  replica.engineHealth = snapshot.engineHealth;
  replica.removed = false;
  if (restarted) {
    replica.startedAtMs = snapshot.startedAtMs;
    replica.killedByApi = false;
    replica.oomKilled = snapshot.oomKilled;
    resetChecks(replica, now);
  } else if (!snapshot.running) {
    replica.oomKilled = snapshot.oomKilled;
  }
}

export function exitReason(replica: Replica): string {
  if (replica.removed) return 'its container was removed';
  const why = replica.oomKilled ? ' (out of memory)' : replica.killedByApi ? ' (killed)' : '';
  return `exited with code ${replica.exitCode}${why}`;
}

/** One replica's verdict from its facts: exited, a check past its retries, waiting, or fine. */
export function replicaVerdict(replica: Replica, checks: readonly ResolvedCheck[]): Verdict {
  if (replica.removed || !replica.running) return { kind: 'exited', reason: exitReason(replica) };
  let pending: string | undefined;
  for (const check of checks) {
    if (check.type === 'engine') {
      if (replica.engineHealth === undefined)
        return { kind: 'failing', reason: `${check.name}: the container has no healthcheck` };
      if (replica.engineHealth === 'unhealthy')
        return { kind: 'failing', reason: `${check.name}: unhealthy` };
      if (replica.engineHealth === 'starting') pending ??= `waiting for ${check.name}`;
      continue;
    }
    const failures = replica.failures.get(check.id) ?? 0;
    if (failures >= check.retries) {
      const last = replica.lastFailure.get(check.id) ?? 'failed';
      return { kind: 'failing', reason: `${check.name}: ${last} (${failures} in a row)` };
    }
    if (!replica.passed.has(check.id)) pending ??= `waiting for ${check.name}`;
  }
  return pending === undefined ? { kind: 'ok', reason: 'checks pass' } : { kind: 'pending', reason: pending };
}

/** The service's verdict: its worst replica's (named when there are several). */
export function serviceVerdict(
  replicas: readonly Replica[],
  checksOf: (replica: Replica) => readonly ResolvedCheck[],
): Verdict & { replicas: Replica[] } {
  if (replicas.length === 0) return { kind: 'exited', reason: 'no container is left', replicas: [] };
  let worst: Verdict = { kind: 'ok', reason: 'checks pass' };
  const bad: Replica[] = [];
  for (const replica of replicas) {
    const verdict = replicaVerdict(replica, checksOf(replica));
    if (verdict.kind === 'failing' || verdict.kind === 'exited') bad.push(replica);
    if (RANK[verdict.kind] > RANK[worst.kind]) {
      worst = replicas.length > 1 ? { ...verdict, reason: `${replica.name}: ${verdict.reason}` } : verdict;
    }
  }
  return { ...worst, replicas: bad };
}
