import type { HealthRecovery, HealthStateName } from '../../../shared/ipc/contract';
import type { StateTone } from '../editor/node-look';

/*
 * How a health state looks, in one place: the Health panel, its summary and the node badges take
 * their icon, word and tone from here. Colour is never the only signal: each has an icon and a word.
 */

/** The same five tones as a node's run state, so both use the same colours. */
export type HealthTone = StateTone;

export const HEALTH_LOOK: Record<HealthStateName, { icon: string; word: string; tone: HealthTone }> = {
  healthy: { icon: '♥', word: 'healthy', tone: 'ok' },
  starting: { icon: '◔', word: 'starting', tone: 'busy' },
  degraded: { icon: '◐', word: 'degraded', tone: 'warn' },
  unhealthy: { icon: '!', word: 'unhealthy', tone: 'bad' },
  unknown: { icon: '?', word: 'unknown', tone: 'idle' },
  failed: { icon: '✕', word: 'failed', tone: 'bad' },
};

/** "12 ms", "1.4 s", "2 min". */
export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** "just now", "5 s ago", "3 min ago", "2 h ago". */
export function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < 1_000) return 'just now';
  if (ms < 60_000) return `${Math.floor(ms / 1_000)} s ago`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  return `${Math.floor(ms / 3_600_000)} h ago`;
}

const RESULT_WORD: Record<HealthRecovery['result'], string> = {
  started: 'restarting',
  recovered: 'recovered',
  failed: 'attempt failed',
  'gave-up': 'gave up',
  'circuit-open': 'breaker open',
};

/** "restart 1/5 · recovered in 2.1 s", "recreate 5/5 · gave up". */
export function recoveryText(r: HealthRecovery): string {
  const attempt =
    r.attempt !== undefined ? ` ${r.attempt}${r.maxAttempts !== undefined ? `/${r.maxAttempts}` : ''}` : '';
  const took = r.result === 'recovered' && r.durationMs !== undefined ? ` in ${formatMs(r.durationMs)}` : '';
  const after = r.result === 'started' && r.delayMs ? ` after ${formatMs(r.delayMs)}` : '';
  return `${r.action}${attempt} · ${RESULT_WORD[r.result]}${took}${after}`;
}

export function recoveryTone(r: HealthRecovery): HealthTone {
  if (r.result === 'recovered') return 'ok';
  if (r.result === 'started') return 'busy';
  return 'bad';
}

/** The table's short form: "restarting (1/5)", "recovered in 2.1 s", "gave up after 5". */
export function recoveryShort(r: HealthRecovery): string {
  const of =
    r.attempt !== undefined ? `${r.attempt}${r.maxAttempts !== undefined ? `/${r.maxAttempts}` : ''}` : '';
  switch (r.result) {
    case 'started':
      return `${r.action === 'recreate' ? 'recreating' : 'restarting'}${of ? ` (${of})` : ''}`;
    case 'recovered':
      return r.durationMs !== undefined ? `recovered in ${formatMs(r.durationMs)}` : 'recovered';
    case 'failed':
      return `attempt ${of} failed`.replace('  ', ' ');
    case 'gave-up':
      return r.attempt !== undefined ? `gave up after ${r.attempt}` : 'gave up';
    case 'circuit-open':
      return r.delayMs !== undefined ? `breaker open for ${formatMs(r.delayMs)}` : 'breaker open';
  }
}
