import { CHECK_DEFAULTS, describeCheck, parseStatusSpec } from '../topology/health-spec';
import type { HealthCheck, Healthcheck, ServiceNode } from '../topology/model';
import type { PathSegment } from '../topology/problem';
import { nodePath, type K8sContext } from './context';
import type { IProbe } from './k8s-types';
import { escapeDollars } from './names';
import { seconds } from './quantities';

/*
 * A service's checks as probes. Kubernetes runs one readiness, one liveness and one startup probe
 * per container:
 * - readiness: the engine `healthcheck` (what `healthy` dependencies wait for), else the first of
 *   `health.checks`;
 * - liveness: what Dockwright's health monitor restarts the service on (the first of
 *   `health.checks`, else the `healthcheck`), unless the service is not healed;
 * - startup: the liveness check again, while its `startPeriod` lasts, so a slow start is not
 *   killed (failures in the start period do not count, as in Docker).
 */

type Handler = Pick<IProbe, 'exec' | 'httpGet' | 'tcpSocket'>;

interface Timing {
  readonly interval?: string;
  readonly timeout?: string;
  readonly retries?: number;
  readonly startPeriod?: string;
  readonly startInterval?: string;
}

interface Candidate {
  readonly handler: Handler;
  readonly timing: Timing;
  readonly defaults: Required<Timing>;
  readonly label: string;
  readonly field: PathSegment[];
}

/** Docker's healthcheck timing when a field is left out. */
const ENGINE_DEFAULTS: Required<Timing> = {
  interval: '30s',
  timeout: '30s',
  retries: 3,
  startPeriod: '0s',
  startInterval: '5s',
};

export interface Probes {
  readinessProbe?: IProbe;
  livenessProbe?: IProbe;
  startupProbe?: IProbe;
}

const shell = (command: string): string[] => ['/bin/sh', '-c', escapeDollars(command)];

/** `[CMD, ...]`, `[CMD-SHELL, "..."]` or a string as an exec handler; undefined for `NONE`. */
export function healthcheckCommand(test: string | readonly string[]): string[] | undefined {
  if (typeof test === 'string') return shell(test);
  const [form, ...rest] = test;
  if (form === 'NONE' || form === undefined) return undefined;
  if (form === 'CMD-SHELL') return shell(rest.join(' '));
  if (form === 'CMD') return rest.map(escapeDollars);
  return test.map(escapeDollars);
}

function engineCandidate(id: string, check: Healthcheck | undefined): Candidate | undefined {
  if (check === undefined || check.disable === true) return undefined;
  const command = healthcheckCommand(check.test);
  if (command === undefined) return undefined;
  return {
    handler: { exec: { command } },
    timing: check,
    defaults: ENGINE_DEFAULTS,
    label: 'the healthcheck',
    field: nodePath(id, 'healthcheck'),
  };
}

function checkCandidate(
  ctx: K8sContext,
  id: string,
  check: HealthCheck,
  index: number,
): Candidate | undefined {
  if (check.type === 'engine') return undefined;
  const field = nodePath(id, 'health', 'checks', index);
  const base = { timing: check, defaults: CHECK_DEFAULTS, label: `check "${describeCheck(check)}"`, field };
  switch (check.type) {
    case 'http': {
      const ranges = parseStatusSpec(check.status);
      const standard = ranges?.every(([low, high]) => low >= 200 && high <= 399) ?? false;
      if (!standard || check.body !== undefined) {
        ctx.note({
          code: 'PROBES',
          level: 'warning',
          nodeId: id,
          field,
          message: `An HTTP probe passes on any status from 200 to 399 and does not read the body; ${base.label} asks for ${[check.status === undefined ? undefined : `status ${check.status}`, check.body === undefined ? undefined : `a body matching /${check.body}/`].filter((s) => s !== undefined).join(' and ')}.`,
        });
      }
      const headers = Object.entries(check.headers ?? {}).map(([name, value]) => ({ name, value }));
      return {
        ...base,
        handler: {
          httpGet: {
            port: check.port,
            path: check.path ?? '/',
            scheme: check.scheme === 'https' ? 'HTTPS' : 'HTTP',
            ...(headers.length > 0 ? { httpHeaders: headers } : {}),
          },
        },
      };
    }
    case 'tcp':
      return { ...base, handler: { tcpSocket: { port: check.port } } };
    case 'exec':
      return {
        ...base,
        handler: {
          exec: {
            command: Array.isArray(check.command)
              ? check.command.map(escapeDollars)
              : ['sh', '-c', escapeDollars(check.command)],
          },
        },
      };
  }
}

function probe(candidate: Candidate): IProbe {
  const { timing, defaults } = candidate;
  return {
    ...candidate.handler,
    periodSeconds: seconds(timing.interval ?? defaults.interval),
    timeoutSeconds: seconds(timing.timeout ?? defaults.timeout),
    failureThreshold: Math.max(1, timing.retries ?? defaults.retries),
  };
}

function startup(candidate: Candidate): IProbe | undefined {
  const { timing, defaults } = candidate;
  const period = seconds(timing.startPeriod ?? defaults.startPeriod, 0) ?? 0;
  if (period === 0) return undefined;
  const every = seconds(timing.startInterval ?? defaults.startInterval) ?? 1;
  return {
    ...candidate.handler,
    periodSeconds: every,
    timeoutSeconds: seconds(timing.timeout ?? defaults.timeout),
    failureThreshold: Math.ceil(period / every) + Math.max(1, timing.retries ?? defaults.retries),
  };
}

export function serviceProbes(ctx: K8sContext, id: string, node: ServiceNode): Probes {
  const engine = engineCandidate(id, node.healthcheck);
  const checks = (node.health?.checks ?? [])
    .map((check, i) => checkCandidate(ctx, id, check, i))
    .filter((c): c is Candidate => c !== undefined);
  const readiness = engine ?? checks[0];
  const healed = node.health?.disable !== true && node.recovery?.restartUnhealthy !== false;
  const liveness = healed ? (checks[0] ?? engine) : undefined;
  const used = new Set([readiness, liveness]);
  const left = [engine, ...checks].filter((c): c is Candidate => c !== undefined && !used.has(c));
  if (left.length > 0) {
    ctx.note({
      code: 'PROBES',
      level: 'warning',
      nodeId: id,
      field: left[0]!.field,
      message: `Kubernetes runs one readiness and one liveness probe per container: ${left.map((c) => c.label).join(', ')} of "${ctx.names.workload.get(id) ?? id}" ${left.length === 1 ? 'is' : 'are'} not exported.`,
    });
  }
  const startupProbe = liveness === undefined ? undefined : startup(liveness);
  return {
    ...(readiness === undefined ? {} : { readinessProbe: probe(readiness) }),
    ...(liveness === undefined ? {} : { livenessProbe: probe(liveness) }),
    ...(startupProbe === undefined ? {} : { startupProbe }),
  };
}

/** Whether the service's pods become ready later than they start (they have a readiness probe). */
export function hasReadiness(node: ServiceNode): boolean {
  const engine =
    node.healthcheck !== undefined &&
    node.healthcheck.disable !== true &&
    healthcheckCommand(node.healthcheck.test) !== undefined;
  return engine || (node.health?.checks ?? []).some((c) => c.type !== 'engine');
}
