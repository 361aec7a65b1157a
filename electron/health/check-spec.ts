import type { HealthCheckType } from '../../shared/ipc/health-contract';
import {
  CHECK_DEFAULTS,
  RECOVERY_DEFAULTS,
  describeCheck,
  parseStatusSpec,
  type HealthCheck,
  type ServiceNode,
  type StatusRange,
} from '../../shared/topology';
import { durationMs } from '../../shared/text/durations';
import type { BreakerPolicy } from './recovery-breaker';

/** A check with every default applied and its durations in milliseconds. */
export interface ResolvedCheck {
  readonly id: string;
  readonly name: string;
  readonly type: Exclude<HealthCheckType, 'container'>;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Failures in a row before the service is unhealthy. */
  readonly retries: number;
  readonly startPeriodMs: number;
  readonly startIntervalMs: number;
  readonly http?: {
    readonly port: number;
    readonly path: string;
    readonly scheme: 'http' | 'https';
    readonly status: readonly StatusRange[];
    readonly body?: RegExp;
    readonly headers: Readonly<Record<string, string>>;
    readonly insecure: boolean;
  };
  readonly tcp?: { readonly port: number };
  readonly exec?: { readonly command: readonly string[] };
}

export interface ResolvedHealth {
  /** `health.disable`: the service is not watched at all. */
  readonly disabled: boolean;
  readonly checks: readonly ResolvedCheck[];
  /**
   * No checks were given: the engine's healthcheck is used when the container has one (the
   * service's or the image's, known only once it runs); without one, running is healthy.
   */
  readonly autoEngine: boolean;
}

export interface ResolvedRecovery {
  readonly restartUnhealthy: boolean;
  readonly restartOnExit: boolean;
  readonly action: 'restart' | 'recreate';
  readonly maxRestarts: number;
  readonly windowMs: number;
  readonly backoff: {
    readonly initialMs: number;
    readonly maxMs: number;
    readonly multiplier: number;
    readonly jitter: number;
  };
  /** `circuitBreaker`: failed recoveries in a row that pause restarts, and for how long. */
  readonly circuitBreaker?: BreakerPolicy;
}

const ms = (value: string | undefined, fallback: string): number =>
  durationMs(value) ?? durationMs(fallback) ?? 0;

/** The engine's own verdict: it already applied its retries, so one "unhealthy" counts. */
export function engineCheck(id: string, name = 'engine healthcheck'): ResolvedCheck {
  return {
    id,
    name,
    type: 'engine',
    intervalMs: 0,
    timeoutMs: 0,
    retries: 1,
    startPeriodMs: 0,
    startIntervalMs: 0,
  };
}

export function resolveCheck(check: HealthCheck, index: number): ResolvedCheck {
  const id = `c${index}`;
  const name = describeCheck(check);
  if (check.type === 'engine') return engineCheck(id, name);
  const interval = ms(check.interval, CHECK_DEFAULTS.interval);
  const timing = {
    id,
    name,
    intervalMs: interval,
    timeoutMs: ms(check.timeout, CHECK_DEFAULTS.timeout),
    retries: Math.max(1, check.retries ?? CHECK_DEFAULTS.retries),
    startPeriodMs: ms(check.startPeriod, CHECK_DEFAULTS.startPeriod),
    // Faster while starting, but never slower than the steady interval.
    startIntervalMs: Math.min(interval, ms(check.startInterval, CHECK_DEFAULTS.startInterval)),
  };
  switch (check.type) {
    case 'http':
      return {
        ...timing,
        type: 'http',
        http: {
          port: check.port,
          path: check.path ?? '/',
          scheme: check.scheme ?? 'http',
          status: parseStatusSpec(check.status) ?? [[200, 399]],
          ...(check.body !== undefined ? { body: new RegExp(check.body) } : {}),
          headers: check.headers ?? {},
          insecure: check.insecure ?? false,
        },
      };
    case 'tcp':
      return { ...timing, type: 'tcp', tcp: { port: check.port } };
    case 'exec':
      return {
        ...timing,
        type: 'exec',
        exec: { command: Array.isArray(check.command) ? check.command : ['sh', '-c', check.command] },
      };
  }
}

export function resolveHealth(node: ServiceNode): ResolvedHealth {
  const checks = node.health?.checks;
  return {
    disabled: node.health?.disable === true,
    checks: (checks ?? []).map(resolveCheck),
    autoEngine: checks === undefined && node.healthcheck?.disable !== true,
  };
}

export function resolveRecovery(node: ServiceNode): ResolvedRecovery {
  const policy = node.recovery ?? {};
  const backoff = policy.backoff;
  const defaults = RECOVERY_DEFAULTS.backoff;
  return {
    restartUnhealthy: policy.restartUnhealthy ?? RECOVERY_DEFAULTS.restartUnhealthy,
    restartOnExit: policy.restartOnExit ?? RECOVERY_DEFAULTS.restartOnExit,
    action: policy.action ?? RECOVERY_DEFAULTS.action,
    maxRestarts: Math.max(0, policy.maxRestarts ?? RECOVERY_DEFAULTS.maxRestarts),
    windowMs: ms(policy.window, RECOVERY_DEFAULTS.window),
    backoff: {
      initialMs: ms(backoff?.initial, defaults.initial),
      maxMs: ms(backoff?.max, defaults.max),
      multiplier: Math.max(1, backoff?.multiplier ?? defaults.multiplier),
      jitter: Math.min(1, Math.max(0, backoff?.jitter ?? defaults.jitter)),
    },
    ...(policy.circuitBreaker
      ? {
          circuitBreaker: {
            failureThreshold: Math.max(1, policy.circuitBreaker.failureThreshold),
            resetAfterMs: durationMs(policy.circuitBreaker.resetAfter) ?? 0,
          },
        }
      : {}),
  };
}

/**
 * Whether the engine restarts a container that exited with this code by itself (the service's
 * `restart` policy); then the monitor leaves it to the engine instead of racing it.
 */
export function engineRestarts(policy: string | undefined, exitCode: number, stoppedByApi: boolean): boolean {
  // The engine never restarts a container that was stopped or killed through its API.
  if (stoppedByApi) return false;
  const name = (policy ?? 'no').split(':')[0];
  if (name === 'always' || name === 'unless-stopped') return true;
  return name === 'on-failure' && exitCode !== 0;
}
