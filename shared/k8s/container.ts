import type { ContainerNode } from '../topology/model';
import { shellWords } from '../text/shell-words';
import { nodePath, type K8sContext } from './context';
import type { IContainer, IEnvVar } from './k8s-types';
import { escapeDollars } from './names';
import { serviceProbes } from './probes';
import { cpuQuantity, memoryQuantity } from './quantities';
import { containerSecurity } from './security';
import type { PodStorage } from './volumes';

/** Compose's `entrypoint` is Kubernetes' `command`, Compose's `command` is `args`. */
function words(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? shellWords(value) : [...value];
  return list.map(escapeDollars);
}

const PULL_POLICY: Readonly<Record<string, IContainer['imagePullPolicy']>> = {
  always: 'Always',
  never: 'Never',
  missing: 'IfNotPresent',
  if_not_present: 'IfNotPresent',
  daily: 'IfNotPresent',
  weekly: 'IfNotPresent',
};

/** The image a pod pulls: the node's, or the name a build would get (then it must be pushed). */
function image(ctx: K8sContext, id: string, node: ContainerNode): string {
  const name = ctx.names.workload.get(id) ?? id;
  if (node.image !== undefined) return node.image;
  const built = `${ctx.project}-${name}`;
  ctx.note({
    code: 'BUILD_IMAGE',
    level: 'warning',
    nodeId: id,
    field: nodePath(id, 'build'),
    message: `A cluster does not build images: build "${name}" from ${node.build?.context ?? 'its context'}, push it to a registry the cluster pulls from, and set the image (the export names it ${built}).`,
    command: `docker build -t ${built} ${node.build?.context ?? '.'}`,
  });
  return built;
}

function pullPolicy(ctx: K8sContext, id: string, node: ContainerNode): IContainer['imagePullPolicy'] {
  if (node.pullPolicy === undefined) return undefined;
  const mapped = PULL_POLICY[node.pullPolicy];
  if (mapped === undefined || node.pullPolicy === 'daily' || node.pullPolicy === 'weekly') {
    ctx.note({
      code: 'PULL_POLICY',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'pullPolicy'),
      message: `Kubernetes has no pull policy "${node.pullPolicy}": ${mapped === undefined ? 'left to the cluster' : `exported as ${mapped}`}.`,
    });
  }
  return mapped;
}

function environment(ctx: K8sContext, id: string, node: ContainerNode): IEnvVar[] | undefined {
  const env: IEnvVar[] = [];
  const unset: string[] = [];
  for (const [name, value] of Object.entries(node.environment ?? {})) {
    if (value === null) unset.push(name);
    else env.push({ name, value: escapeDollars(value) });
  }
  if (unset.length > 0) {
    ctx.note({
      code: 'ENV_UNSET',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'environment'),
      message: `${unset.join(', ')} ${unset.length === 1 ? 'takes its value' : 'take their values'} from the environment of whoever starts the topology, which a cluster does not have: not exported. Put ${unset.length === 1 ? 'it' : 'them'} in a Secret or ConfigMap and use envFrom.`,
    });
  }
  if (node.envFiles !== undefined && node.envFiles.length > 0) {
    const name = ctx.names.workload.get(id) ?? id;
    ctx.note({
      code: 'ENV_FILE',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'envFiles'),
      message: `The env files ${node.envFiles.join(', ')} of "${name}" are not read by the export: make a ConfigMap of them and add it to the container's envFrom.`,
      command: `kubectl create configmap ${name}-env ${node.envFiles.map((f) => `--from-env-file=${f}`).join(' ')}`,
    });
  }
  return env.length > 0 ? env : undefined;
}

function resources(ctx: K8sContext, id: string, node: ContainerNode): IContainer['resources'] {
  const { limits, reservations } = node.resources ?? {};
  const amounts = (
    value: { cpus?: string | number; memory?: string } | undefined,
    which: 'limits' | 'reservations',
  ): Record<string, string> | undefined => {
    if (value === undefined) return undefined;
    const out: Record<string, string> = {};
    const cpu = cpuQuantity(value.cpus);
    const memory = memoryQuantity(value.memory);
    if (cpu !== undefined) out.cpu = cpu;
    if (memory !== undefined) out.memory = memory;
    if (
      (value.cpus !== undefined && cpu === undefined) ||
      (value.memory !== undefined && memory === undefined)
    ) {
      ctx.note({
        code: 'RESOURCES',
        level: 'warning',
        nodeId: id,
        field: nodePath(id, 'resources', which),
        message: `Resource ${which} ${JSON.stringify(value)} are not all Kubernetes quantities: what cannot be read is not exported.`,
      });
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  if (limits?.pids !== undefined) {
    ctx.note({
      code: 'RESOURCES',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'resources', 'limits', 'pids'),
      message:
        "Kubernetes limits process ids per node (the kubelet's podPidsLimit), not per container: the pids limit is not exported.",
    });
  }
  const out = { limits: amounts(limits, 'limits'), requests: amounts(reservations, 'reservations') };
  const defined = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length > 0 ? defined : undefined;
}

/** The node's own container: image, command, environment, ports, probes, security, mounts. */
export function mainContainer(
  ctx: K8sContext,
  id: string,
  node: ContainerNode,
  storage: PodStorage,
): IContainer {
  const command = words(node.entrypoint);
  const args = words(node.command);
  const env = environment(ctx, id, node);
  const ports =
    node.kind === 'service'
      ? [
          ...new Map(
            (node.ports ?? []).map((p) => {
              const protocol = (p.protocol ?? 'tcp').toUpperCase() as 'TCP' | 'UDP' | 'SCTP';
              return [`${p.target}/${protocol}`, { containerPort: p.target, protocol }];
            }),
          ).values(),
        ]
      : [];
  const security = containerSecurity(ctx, id, node);
  const limits = resources(ctx, id, node);
  const probes = node.kind === 'service' ? serviceProbes(ctx, id, node) : {};
  const policy = pullPolicy(ctx, id, node);
  return {
    name: ctx.names.workload.get(id) ?? id,
    image: image(ctx, id, node),
    ...(policy === undefined ? {} : { imagePullPolicy: policy }),
    ...(command === undefined ? {} : { command }),
    ...(args === undefined ? {} : { args }),
    ...(node.workingDir === undefined ? {} : { workingDir: node.workingDir }),
    ...(env === undefined ? {} : { env }),
    ...(ports.length > 0 ? { ports } : {}),
    ...(limits === undefined ? {} : { resources: limits }),
    ...probes,
    ...(security === undefined ? {} : { securityContext: security }),
    ...(storage.mounts.length > 0 ? { volumeMounts: storage.mounts } : {}),
    ...(node.stdinOpen === true ? { stdin: true } : {}),
    ...(node.tty === true ? { tty: true } : {}),
  };
}
