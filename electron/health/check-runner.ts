import { ApiError } from '../../shared/ipc/errors';
import type { ResolvedCheck } from './check-spec';
import type { ContainerSnapshot, HealthDocker } from './health-docker';
import { probeHttp, probeTcp, type ProbeOutcome } from './probes';

/**
 * Where a container port is reached from here. On a local engine: its published port on 127.0.0.1
 * when it has one (works with any local engine, Docker Desktop included), else its address on its
 * network, else 127.0.0.1 (host networking). On a remote engine (`remoteHost`): only a published
 * port is reachable, on that host; undefined when the port is not published there.
 */
export function checkTarget(
  container: ContainerSnapshot,
  port: number,
  remoteHost?: string,
): { host: string; port: number } | undefined {
  const published = container.published[`${port}/tcp`];
  if (remoteHost !== undefined)
    return published !== undefined ? { host: remoteHost, port: published } : undefined;
  if (published !== undefined) return { host: '127.0.0.1', port: published };
  const address = container.addresses[0];
  return address ? { host: address, port } : { host: '127.0.0.1', port };
}

/** A check that cannot reach its port from here says so, and counts as "cannot tell", not a failure. */
function unreachable(kind: string, port: number, remoteHost: string | undefined): ProbeOutcome {
  return {
    ok: false,
    inconclusive: true,
    message: `the ${kind} check's port ${port} is not published: on a remote engine (${remoteHost}) only published ports can be checked from here (publish it, or use an exec check)`,
  };
}

/** A failure of the engine itself says nothing about the service: the check cannot tell. */
function engineTrouble(error: unknown): ProbeOutcome {
  const away = error instanceof ApiError && error.code === 'ENGINE_UNAVAILABLE';
  return {
    ok: false,
    inconclusive: away,
    message: away ? 'engine unreachable' : ((error as Error)?.message ?? String(error)),
  };
}

/** Runs a timed check (http, tcp or exec) once against one container. */
export async function runCheck(
  check: ResolvedCheck,
  container: ContainerSnapshot,
  docker: HealthDocker,
  signal: AbortSignal,
  command?: readonly string[],
): Promise<ProbeOutcome> {
  if (check.http) {
    const target = checkTarget(container, check.http.port, docker.remoteHost);
    if (!target) return unreachable('HTTP', check.http.port, docker.remoteHost);
    return probeHttp({ ...check.http, ...target, timeoutMs: check.timeoutMs }, signal);
  }
  if (check.tcp) {
    const target = checkTarget(container, check.tcp.port, docker.remoteHost);
    if (!target) return unreachable('TCP', check.tcp.port, docker.remoteHost);
    return probeTcp(target.host, target.port, check.timeoutMs, signal);
  }
  const argv = check.exec?.command ?? command;
  if (!argv || argv.length === 0) return { ok: false, inconclusive: true, message: 'nothing to run' };
  try {
    const outcome = await docker.exec(container.id, argv, check.timeoutMs || 30_000, signal);
    if ('timedOut' in outcome) {
      return signal.aborted
        ? { ok: false, inconclusive: true, message: 'stopped' }
        : { ok: false, message: `no answer within ${check.timeoutMs} ms` };
    }
    if (outcome.exitCode === 0) return { ok: true, message: 'exit code 0' };
    const output = outcome.output ? `: ${outcome.output.split('\n')[0]}` : '';
    return { ok: false, message: `exit code ${outcome.exitCode}${output}` };
  } catch (error) {
    // A container that stopped between the schedule and the exec: its exit is reported by itself.
    if (error instanceof ApiError && /is not running|No such container/i.test(error.message)) {
      return { ok: false, inconclusive: true, message: 'container not running' };
    }
    return engineTrouble(error);
  }
}
