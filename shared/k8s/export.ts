import { handlerIds } from '../topology/handler-parts';
import { isContainer, type Topology } from '../topology/model';
import { withoutHandlers } from '../topology/run-handlers';
import { scheduleOf } from '../topology/workflow-parts';
import { stringifyYaml } from '../topology/yaml-write';
import { createContext, type K8sContext } from './context';
import {
  KIND_ORDER,
  type K8sExport,
  type K8sExportOptions,
  type K8sFile,
  type KubeObject,
} from './k8s-types';
import { networkPolicies } from './network-policies';
import { fileSourceObjects } from './secrets';
import { nodeServices } from './services';
import { volumeClaim } from './volumes';
import { waitAccess, waitSpecs, type WaitSpec } from './waits';
import { jobWorkload, serviceWorkload } from './workloads';

/**
 * Topology -> Kubernetes objects, plus a fidelity report of what Kubernetes cannot express. The
 * objects are typed by `kubernetes-models` and written by the yaml library, one document each, in
 * a stable order: by kind (what others refer to first), then by name.
 */
export function exportKubernetes(full: Topology, options: K8sExportOptions = {}): K8sExport {
  // Handler jobs run when a run ends, by how it ended: on a cluster they would run at once, on
  // apply. They are left out (and reported), as a run leaves them out of its graph.
  const topology = withoutHandlers(full);
  const ctx = createContext(topology, options);
  const objects: KubeObject[] = [];
  const waits: WaitSpec[] = [];
  const waitedFor = waitedForServices(topology);
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (isContainer(node)) {
      const specs = waitSpecs(ctx, id, node);
      waits.push(...specs);
      if (node.kind === 'service') {
        const workload = serviceWorkload(ctx, id, node, specs);
        objects.push(workload);
        objects.push(
          ...nodeServices(ctx, id, node, { required: waitedFor.has(id) || workload.kind === 'StatefulSet' }),
        );
      } else {
        objects.push(jobWorkload(ctx, id, node, specs));
      }
    } else if (node.kind === 'volume') {
      const claim = volumeClaim(ctx, id, node);
      if (claim !== undefined) objects.push(claim);
    }
  }
  objects.push(...fileSourceObjects(ctx, 'secrets'), ...fileSourceObjects(ctx, 'configs'));
  objects.push(...networkPolicies(ctx));
  objects.push(...waitAccess(ctx, waits));
  reportTopLevel(ctx);
  reportWorkflows(ctx, full);
  const sorted = sortObjects(objects);
  const documents = sorted.map((object) => stringifyYaml(object));
  return {
    objects: sorted,
    yaml: documents.join('---\n'),
    files: sorted.map((object, i): K8sFile => ({ name: fileName(object), yaml: documents[i]! })),
    fidelity: ctx.fidelity,
  };
}

/** Services some container waits for: they need a Service even without ports. */
function waitedForServices(topology: Topology): Set<string> {
  const out = new Set<string>();
  for (const node of Object.values(topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    for (const dep of node.dependsOn ?? []) {
      if (topology.spec.nodes[dep.node]?.kind === 'service') out.add(dep.node);
    }
  }
  return out;
}

function reportTopLevel(ctx: K8sContext): void {
  const extensions = ctx.topology.spec.extensions;
  if (extensions !== undefined && Object.keys(extensions).length > 0) {
    ctx.note({
      code: 'EXTENSIONS',
      level: 'info',
      field: ['spec', 'extensions'],
      message: `The x- fields ${Object.keys(extensions).join(', ')} have no meaning in Kubernetes: not exported.`,
    });
  }
}

/** Workflow fields Dockwright runs itself, which the exported objects do not carry. */
function reportWorkflows(ctx: K8sContext, full: Topology): void {
  const handlers = [...handlerIds(full.spec.handlers)];
  if (full.spec.handlers !== undefined) {
    ctx.note({
      code: 'WORKFLOW',
      level: 'warning',
      field: ['spec', 'handlers'],
      message: `Kubernetes has no run handlers: ${handlers.length > 0 ? `the handler job(s) ${handlers.join(', ')} are not exported (a Job would run at once, on apply)` : 'not exported'}.`,
    });
  }
  for (const [id, node] of Object.entries(ctx.topology.spec.nodes)) {
    if (node.kind !== 'job' || node.schedule === undefined) continue;
    const { cron, timezone } = scheduleOf(node.schedule);
    ctx.note({
      code: 'WORKFLOW',
      level: 'warning',
      nodeId: id,
      field: ['spec', 'nodes', id, 'schedule'],
      message: `The schedule "${cron}"${timezone ? ` (${timezone})` : ''} of "${id}" is not exported: its Job runs once, when applied (a CronJob is not written).`,
    });
  }
  if (full.spec.notifications !== undefined && full.spec.notifications.length > 0) {
    ctx.note({
      code: 'WORKFLOW',
      level: 'info',
      field: ['spec', 'notifications'],
      message: `The ${full.spec.notifications.length} webhook(s) of spec.notifications are Dockwright's own: not exported.`,
    });
  }
}

const kindRank = (object: KubeObject): number => KIND_ORDER.indexOf(object.kind);
const nameOf = (object: KubeObject): string => object.metadata?.name ?? '';

export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort(
    (a, b) => kindRank(a) - kindRank(b) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0),
  );
}

/** `03-secret-db-password.yaml`: the kind's rank first, so a folder applies in dependency order. */
export function fileName(object: KubeObject): string {
  const rank = String(kindRank(object) + 1).padStart(2, '0');
  return `${rank}-${object.kind.toLowerCase()}-${nameOf(object)}.yaml`;
}
