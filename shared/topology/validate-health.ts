import { durationMs } from '../text/durations';
import { isPortNumber } from './checks';
import { parseStatusSpec } from './health-spec';
import type { HealthCheck, ServiceNode } from './model';
import { problem, type PathSegment } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';
import { checkDuration } from './validate-fields';

/** The service fields the health monitor reads: `health.checks` and `recovery`. */
export function checkHealth(ctx: ValidationContext): void {
  for (const [id, node] of ctx.entries) {
    if (node.kind !== 'service') continue;
    node.health?.checks?.forEach((check, i) => checkOne(ctx, id, node, check, ['health', 'checks', i]));
    checkRecovery(ctx, id, node);
  }
}

function push(
  ctx: ValidationContext,
  id: string,
  code: Parameters<typeof problem>[0],
  message: string,
  field: PathSegment[],
): void {
  ctx.out.push(problem(code, message, nodePath(id, ...field), { nodeId: id }));
}

function checkOne(
  ctx: ValidationContext,
  id: string,
  node: ServiceNode,
  check: HealthCheck,
  at: PathSegment[],
): void {
  const who = `"${displayName(id, node)}"`;
  if (check.type === 'engine') {
    const hc = node.healthcheck;
    if (hc === undefined || hc.disable === true) {
      push(
        ctx,
        id,
        'HEALTH_CHECK_NO_ENGINE',
        `${who} checks the engine's healthcheck but ${hc ? 'disables it' : 'defines none'}; unless the image has one, the check never passes.`,
        at,
      );
    }
    return;
  }
  for (const field of ['interval', 'timeout', 'startPeriod', 'startInterval'] as const) {
    checkDuration(ctx, id, check[field], [...at, field]);
  }
  if (check.retries !== undefined && check.retries < 1) {
    push(
      ctx,
      id,
      'HEALTH_CHECK_INVALID',
      `Retries ${check.retries} must be at least 1 (failures in a row before ${who} is unhealthy).`,
      [...at, 'retries'],
    );
  }
  if (check.type === 'exec') {
    const empty = Array.isArray(check.command) ? check.command.length === 0 : check.command.trim() === '';
    if (empty)
      push(ctx, id, 'HEALTH_CHECK_INVALID', `The exec check of ${who} has no command.`, [...at, 'command']);
    return;
  }
  if (!isPortNumber(check.port)) {
    push(ctx, id, 'HEALTH_CHECK_INVALID', `Check port ${check.port} is outside 1-65535.`, [...at, 'port']);
  }
  if (node.networkMode === 'none') {
    push(
      ctx,
      id,
      'HEALTH_CHECK_UNREACHABLE',
      `${who} has no network (networkMode: none), so its ${check.type} check cannot reach it; use an exec check.`,
      at,
    );
  }
  if (check.type !== 'http') return;
  if (check.path !== undefined && !check.path.startsWith('/')) {
    push(ctx, id, 'HEALTH_CHECK_INVALID', `Check path "${check.path}" must start with /.`, [...at, 'path']);
  }
  if (parseStatusSpec(check.status) === undefined) {
    push(
      ctx,
      id,
      'HEALTH_CHECK_INVALID',
      `Status "${check.status}" must be a code 100-599, a range like 200-399, or a list like 200,204.`,
      [...at, 'status'],
    );
  }
  if (check.body !== undefined) {
    try {
      new RegExp(check.body);
    } catch {
      push(
        ctx,
        id,
        'HEALTH_CHECK_INVALID',
        `Body pattern "${check.body}" is not a valid regular expression.`,
        [...at, 'body'],
      );
    }
  }
}

function checkRecovery(ctx: ValidationContext, id: string, node: ServiceNode): void {
  const recovery = node.recovery;
  if (recovery === undefined) return;
  checkDuration(ctx, id, recovery.window, ['recovery', 'window']);
  if (recovery.maxRestarts !== undefined && recovery.maxRestarts < 0) {
    push(
      ctx,
      id,
      'RECOVERY_INVALID',
      `maxRestarts ${recovery.maxRestarts} must be 0 (never restart) or more.`,
      ['recovery', 'maxRestarts'],
    );
  }
  if (recovery.window !== undefined && durationMs(recovery.window) === 0) {
    push(ctx, id, 'RECOVERY_INVALID', 'The recovery window must be longer than 0.', ['recovery', 'window']);
  }
  const breaker = recovery.circuitBreaker;
  if (breaker !== undefined && breaker.failureThreshold < 1) {
    push(
      ctx,
      id,
      'RECOVERY_INVALID',
      `The circuit breaker's failureThreshold ${breaker.failureThreshold} must be 1 or more.`,
      ['recovery', 'circuitBreaker', 'failureThreshold'],
    );
  }
  if (breaker !== undefined && durationMs(breaker.resetAfter) === 0) {
    push(ctx, id, 'RECOVERY_INVALID', "The circuit breaker's resetAfter must be longer than 0.", [
      'recovery',
      'circuitBreaker',
      'resetAfter',
    ]);
  }
}
