import { isContainer, type ContainerNode, type Dependency, type TopologyNode } from '../topology/model';
import { metadata, nodePath, type K8sContext } from './context';
import type { IContainer, IRole, IRoleBinding, IServiceAccount, KubeObject } from './k8s-types';
import { escapeDollars, NameTable } from './names';
import { hasReadiness } from './probes';

/*
 * Every dependency is kept as an init container in the dependent's pod, which polls the API
 * server with kubectl until the dependency is there:
 * - a service, `started` or `healthy`: its Service has a ready endpoint (a pod passed its
 *   readiness probe, or runs when it has none). Every service that is waited for has a Service,
 *   a headless one without ports when it publishes none.
 * - a job: it completed; the wait fails when the job failed, so the pod does not start.
 * The init containers run as a ServiceAccount allowed to read endpoints and jobs, nothing else.
 */

export type WaitTarget = 'endpoints' | 'job';

export interface WaitSpec {
  readonly target: WaitTarget;
  /** The Service (endpoints) or Job name to wait for. */
  readonly name: string;
  readonly dependency: Dependency;
}

const POLL_SECONDS = 2;

/** The shell script an init container runs (before Kubernetes' `$` escaping). */
export function waitScript(spec: WaitSpec): string {
  const { name } = spec;
  if (spec.target === 'endpoints') {
    return [
      `echo "waiting for service ${name} to have a ready endpoint (${spec.dependency.condition})"`,
      `until [ -n "$(kubectl get endpoints ${name} -o jsonpath='{.subsets[*].addresses[*].ip}')" ]; do sleep ${POLL_SECONDS}; done`,
      `echo "service ${name} is ready"`,
    ].join('\n');
  }
  return [
    `echo "waiting for job ${name} to complete"`,
    'while :; do',
    `  state=$(kubectl get job ${name} -o jsonpath='{.status.conditions[?(@.status=="True")].type}')`,
    '  case " $state " in',
    `    *" Complete "*) echo "job ${name} completed"; exit 0 ;;`,
    `    *" Failed "*) echo "job ${name} failed" >&2; exit 1 ;;`,
    '  esac',
    `  sleep ${POLL_SECONDS}`,
    'done',
  ].join('\n');
}

/** What a dependency waits for in Kubernetes, reporting what differs from Dockwright's wait. */
function waitSpec(ctx: K8sContext, id: string, dep: Dependency, index: number): WaitSpec | undefined {
  const target: TopologyNode | undefined = ctx.topology.spec.nodes[dep.node];
  const field = nodePath(id, 'dependsOn', index);
  const who = ctx.names.workload.get(id) ?? id;
  if (target === undefined || !isContainer(target)) {
    ctx.note({
      code: 'DEPENDENCY',
      level: 'warning',
      nodeId: id,
      field,
      message: `"${who}" depends on "${dep.node}", which is not a service or job: nothing to wait for.`,
    });
    return undefined;
  }
  const name = ctx.names.workload.get(dep.node) ?? dep.node;
  if (dep.restart === true) {
    ctx.note({
      code: 'DEPENDENCY',
      level: 'warning',
      nodeId: id,
      field: [...field, 'restart'],
      message: `Kubernetes does not restart "${who}" when "${name}" restarts: the wait runs only when a pod of "${who}" starts.`,
    });
  }
  if (target.kind === 'job') return { target: 'job', name, dependency: dep };
  if (dep.condition === 'completed') {
    ctx.note({
      code: 'DEPENDENCY',
      level: 'warning',
      nodeId: id,
      field: [...field, 'condition'],
      message: `"${name}" is a service, which never completes in Kubernetes: "${who}" waits for it to be ready instead.`,
    });
  } else if (dep.condition === 'started' && hasReadiness(target)) {
    ctx.note({
      code: 'DEPENDENCY',
      level: 'info',
      nodeId: id,
      field: [...field, 'condition'],
      message: `"${who}" waits for "${name}" to be ready (its readiness probe passes), not only started: a Service's endpoints say no more.`,
    });
  }
  return { target: 'endpoints', name, dependency: dep };
}

export function waitSpecs(ctx: K8sContext, id: string, node: ContainerNode): WaitSpec[] {
  return (node.dependsOn ?? [])
    .map((dep, i) => waitSpec(ctx, id, dep, i))
    .filter((spec): spec is WaitSpec => spec !== undefined);
}

export function waitContainers(ctx: K8sContext, specs: readonly WaitSpec[]): IContainer[] {
  const names = new NameTable();
  return specs.map((spec) => ({
    name: names.allocate(`wait-for-${spec.name}`),
    image: ctx.waitImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', escapeDollars(waitScript(spec))],
    resources: { requests: { cpu: '10m', memory: '32Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  }));
}

/** The ServiceAccount, Role and RoleBinding the waits run as; nothing when nothing waits. */
export function waitAccess(ctx: K8sContext, specs: readonly WaitSpec[]): KubeObject[] {
  if (specs.length === 0) return [];
  const name = ctx.names.waitAccount;
  const rules: NonNullable<IRole['rules']> = [];
  const verbs = ['get', 'list', 'watch'];
  if (specs.some((s) => s.target === 'endpoints'))
    rules.push({ apiGroups: [''], resources: ['endpoints'], verbs });
  if (specs.some((s) => s.target === 'job')) rules.push({ apiGroups: ['batch'], resources: ['jobs'], verbs });
  const account: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(ctx, name),
  };
  const role: IRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: metadata(ctx, name),
    rules,
  };
  const binding: IRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(ctx, name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name, namespace: ctx.namespace }],
  };
  return [account, role, binding];
}
