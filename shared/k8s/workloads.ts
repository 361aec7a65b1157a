import type { JobNode, ServiceNode } from '../topology/model';
import { metadata, nodePath, selectorLabels, type K8sContext } from './context';
import type { IDeployment, IJob, IStatefulSet } from './k8s-types';
import { podTemplate } from './pod';
import { seconds } from './quantities';
import type { WaitSpec } from './waits';

/*
 * A service is a Deployment, or a StatefulSet when it mounts a named volume with one replica
 * (at most one pod at a time holds the claim: a Deployment's rolling update would start the new
 * pod while the old one still has it). The claims are PersistentVolumeClaims of their own, not
 * volumeClaimTemplates, so that several workloads can share a volume, as in Docker, and deleting
 * a workload keeps the data. A job is a Job.
 */

function reportService(ctx: K8sContext, id: string, node: ServiceNode, name: string): void {
  // Dockwright restarts a service that exits unless told not to (recovery.restartOnExit), as a
  // Deployment does; only a service that is left alone when it exits differs.
  const restart = node.restart ?? 'no';
  const leftAlone = node.recovery?.restartOnExit === false || node.health?.disable === true;
  if (leftAlone && (restart === 'no' || restart.startsWith('on-failure'))) {
    ctx.note({
      code: 'RESTART_POLICY',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'restart'),
      message: `A Deployment or StatefulSet always restarts its pods: "${name}", which is not restarted when it exits (restart "${restart}"), will be (make it a job to run it once).`,
    });
  }
  const recovery = node.recovery;
  if (
    recovery !== undefined &&
    (recovery.maxRestarts !== undefined ||
      recovery.window !== undefined ||
      recovery.backoff !== undefined ||
      recovery.circuitBreaker !== undefined ||
      recovery.action === 'recreate')
  ) {
    ctx.note({
      code: 'RECOVERY',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'recovery'),
      message: `The kubelet restarts "${name}" when its liveness probe fails, with its own back-off (10 s doubling to 5 min) and no limit: maxRestarts, window, backoff, action and circuitBreaker are not exported.`,
    });
  }
}

export function serviceWorkload(
  ctx: K8sContext,
  id: string,
  node: ServiceNode,
  waits: readonly WaitSpec[],
): IDeployment | IStatefulSet {
  const name = ctx.names.workload.get(id) ?? id;
  const { template, mountsClaim } = podTemplate(ctx, id, node, waits);
  reportService(ctx, id, node, name);
  const replicas = Math.max(0, node.replicas ?? 1);
  const selector = { matchLabels: selectorLabels(ctx, name) };
  const meta = metadata(ctx, name, { labels: { 'app.kubernetes.io/name': name }, nodeId: id });
  if (isStateful(node, mountsClaim)) {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: { replicas, serviceName: name, selector, template },
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta,
    spec: { replicas, selector, template },
  };
}

/** A single service holding a named volume. */
export function isStateful(node: ServiceNode, mountsClaim = mountsNamedVolume(node)): boolean {
  return mountsClaim && (node.replicas ?? 1) === 1;
}

export function mountsNamedVolume(node: ServiceNode): boolean {
  return (node.mounts ?? []).some((m) => m.type === 'volume' && m.source !== undefined);
}

export function jobWorkload(ctx: K8sContext, id: string, node: JobNode, waits: readonly WaitSpec[]): IJob {
  const name = ctx.names.workload.get(id) ?? id;
  const { template } = podTemplate(ctx, id, node, waits);
  const attempts = Math.max(1, node.retry?.maxAttempts ?? 1);
  const deadline = seconds(node.timeout);
  if (node.retry?.backoff !== undefined) {
    ctx.note({
      code: 'RETRY',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'retry', 'backoff'),
      message: `A Job retries "${name}" with its own back-off (10 s doubling to 6 min): the backoff is not exported; backoffLimit is ${attempts - 1}.`,
    });
  }
  const codes = node.successExitCodes;
  if (codes !== undefined && !(codes.length === 1 && codes[0] === 0)) {
    ctx.note({
      code: 'SUCCESS_EXIT_CODES',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'successExitCodes'),
      message: `A Job counts only exit code 0 as success: "${name}" fails on ${codes.filter((c) => c !== 0).join(', ')}, which Dockwright counts as success.`,
    });
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(ctx, name, { labels: { 'app.kubernetes.io/name': name }, nodeId: id }),
    spec: {
      backoffLimit: attempts - 1,
      template: {
        ...template,
        spec: {
          ...template.spec!,
          restartPolicy: 'Never',
          // On the pod, so the limit is per attempt, as Dockwright's timeout is.
          ...(deadline === undefined ? {} : { activeDeadlineSeconds: deadline }),
        },
      },
    },
  };
}
