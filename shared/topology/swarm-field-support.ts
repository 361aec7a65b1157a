import { isContainer, type ContainerNode, type Topology } from './model';
import { problem, type PathSegment, type Problem } from './problem';

/** What the Swarm's manager engine can do, as far as fields depend on it. */
export interface SwarmCapabilities {
  /** The manager's API version, e.g. `1.41` (Docker 20.10). */
  readonly apiVersion: string;
}

function apiLevel(version: string): number {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? Number(match[1]) * 100 + Number(match[2]) : 0;
}

const nodePath = (id: string, ...rest: PathSegment[]): PathSegment[] => ['spec', 'nodes', id, ...rest];

type Refuse = (nodeId: string | undefined, path: PathSegment[], what: string, why: string) => void;

/** Fields of one container that a Swarm service (or replicated job) has no place for. */
const CONTAINER_REFUSALS: ReadonlyArray<{
  field: keyof ContainerNode;
  applies: (node: ContainerNode) => boolean;
  what: string;
  why: string;
}> = [
  {
    field: 'build',
    applies: (node) => node.build !== undefined,
    what: '`build`',
    why: 'every node of a Swarm pulls the image itself; build and push it to a registry, then name it in `image`',
  },
  {
    field: 'pullPolicy',
    applies: (node) => node.pullPolicy === 'never' || node.pullPolicy === 'build',
    what: '`pullPolicy`',
    why: 'a Swarm node always tries to pull the image (and uses its local copy when the pull fails)',
  },
  {
    field: 'containerName',
    applies: (node) => node.containerName !== undefined,
    what: '`containerName`',
    why: 'Swarm names a service’s tasks itself (`<service>.<slot>.<task id>`)',
  },
  {
    field: 'networkMode',
    applies: (node) => node.networkMode !== undefined,
    what: '`networkMode`',
    why: 'Swarm services join overlay networks; they cannot share the host’s or another container’s network stack',
  },
  {
    field: 'privileged',
    applies: (node) => node.privileged === true,
    what: '`privileged`',
    why: 'a Swarm service cannot run privileged (use `capAdd` for what it needs)',
  },
  {
    field: 'devices',
    applies: (node) => (node.devices?.length ?? 0) > 0,
    what: '`devices`',
    why: 'a Swarm service cannot map host devices',
  },
  {
    field: 'pid',
    applies: (node) => node.pid !== undefined,
    what: '`pid`',
    why: 'a Swarm service cannot share a PID namespace',
  },
  {
    field: 'ipc',
    applies: (node) => node.ipc !== undefined,
    what: '`ipc`',
    why: 'a Swarm service cannot share an IPC namespace',
  },
  {
    field: 'securityOpt',
    applies: (node) => (node.securityOpt?.length ?? 0) > 0,
    what: '`securityOpt`',
    why: 'a Swarm service spec (API 1.41) has no seccomp, AppArmor or label options',
  },
  {
    field: 'shmSize',
    applies: (node) => node.shmSize !== undefined,
    what: '`shmSize`',
    why: 'a Swarm service spec has no shared-memory size (mount a tmpfs at /dev/shm instead)',
  },
  {
    field: 'runtime',
    applies: (node) => node.runtime !== undefined,
    what: '`runtime`',
    why: 'a Swarm service runs with the node’s default runtime',
  },
];

function containerProblems(
  id: string,
  node: ContainerNode,
  level: number,
  apiVersion: string,
  refuse: Refuse,
) {
  for (const rule of CONTAINER_REFUSALS)
    if (rule.applies(node)) refuse(id, nodePath(id, rule.field), rule.what, rule.why);
  node.mounts?.forEach((mount, i) => {
    if (mount.type === 'volume' && mount.subpath !== undefined)
      refuse(
        id,
        nodePath(id, 'mounts', i, 'subpath'),
        '`subpath` of a volume mount',
        'a Swarm service spec (API 1.41) has no volume subpath',
      );
    if (mount.type === 'bind' && mount.selinux !== undefined)
      refuse(
        id,
        nodePath(id, 'mounts', i, 'selinux'),
        '`selinux` of a bind mount',
        'a Swarm mount cannot relabel its source',
      );
  });
  node.networks?.forEach((attachment, i) => {
    for (const field of ['ipv4Address', 'ipv6Address'] as const)
      if (attachment[field] !== undefined)
        refuse(
          id,
          nodePath(id, 'networks', i, field),
          `\`${field}\``,
          'Swarm gives every task an address of its own; a fixed one cannot be asked for',
        );
  });
  if (node.kind === 'service') {
    if (node.healthcheck?.startInterval !== undefined && level < 144)
      refuse(
        id,
        nodePath(id, 'healthcheck', 'startInterval'),
        '`healthcheck.startInterval`',
        `it needs Docker API 1.44 or newer, and this engine speaks ${apiVersion}`,
      );
    node.ports?.forEach((port, i) => {
      if (port.hostIp !== undefined)
        refuse(
          id,
          nodePath(id, 'ports', i, 'hostIp'),
          '`hostIp` of a port',
          'Swarm publishes a port on every node’s addresses (the routing mesh)',
        );
      if (typeof port.published === 'string' && port.published.includes('-'))
        refuse(
          id,
          nodePath(id, 'ports', i, 'published'),
          'a published port range',
          'a Swarm service publishes one port per target port',
        );
    });
  }
  if (node.kind === 'job') {
    const codes = node.successExitCodes;
    if (codes !== undefined && !(codes.length === 1 && codes[0] === 0))
      refuse(
        id,
        nodePath(id, 'successExitCodes'),
        '`successExitCodes`',
        'Swarm counts a job’s task as complete only when it exits with 0',
      );
  }
}

/**
 * Fields the model accepts that a Swarm cannot apply: each is an UNSUPPORTED_FIELD error naming
 * the node and the field, so a deploy is refused before anything is created. Dockwright's own
 * health checks and recovery are not used on a Swarm (the orchestrator restarts failed tasks):
 * those are warnings, told in the run's log.
 */
export function swarmUnsupportedFields(topology: Topology, swarm: SwarmCapabilities): Problem[] {
  const out: Problem[] = [];
  const level = apiLevel(swarm.apiVersion);
  const refuse: Refuse = (nodeId, path, what, why) =>
    out.push(
      problem(
        'UNSUPPORTED_FIELD',
        `${nodeId ? `"${nodeId}": ` : ''}${what} cannot be applied on a Swarm: ${why}.`,
        path,
        {
          ...(nodeId ? { nodeId } : {}),
        },
      ),
    );
  const warn = (nodeId: string, path: PathSegment[], what: string) =>
    out.push(
      problem(
        'UNSUPPORTED_FIELD',
        `"${nodeId}": ${what} is not used on a Swarm: the orchestrator restarts failed tasks itself, and Dockwright reports health from the tasks' states.`,
        path,
        { nodeId, severity: 'warning' },
      ),
    );
  for (const [id, node] of Object.entries(topology.spec.nodes)) {
    if (isContainer(node)) {
      containerProblems(id, node, level, swarm.apiVersion, refuse);
      if (node.kind === 'service' && node.recovery !== undefined)
        warn(id, nodePath(id, 'recovery'), '`recovery`');
      if (node.kind === 'service' && (node.health?.checks?.length ?? 0) > 0)
        warn(id, nodePath(id, 'health', 'checks'), '`health.checks`');
      if (node.kind === 'job' && node.schedule !== undefined)
        refuse(
          id,
          nodePath(id, 'schedule'),
          '`schedule`',
          'scheduled jobs run on a Docker engine target, where Dockwright starts each run itself',
        );
    } else if (
      node.kind === 'network' &&
      !node.external &&
      node.driver !== undefined &&
      node.driver !== 'overlay'
    )
      refuse(
        id,
        nodePath(id, 'driver'),
        `driver "${node.driver}"`,
        'Swarm services join swarm-scoped networks; Dockwright creates them as attachable overlay networks',
      );
  }
  if (topology.spec.handlers !== undefined)
    refuse(
      undefined,
      ['spec', 'handlers'],
      'Run handlers',
      'they run on a Docker engine target, where Dockwright sees the run end and hands its status to the handler jobs',
    );
  return out;
}
