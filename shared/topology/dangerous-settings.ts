import { isContainer, type ContainerNode, type Topology, type VolumeNode } from './model';
import { resolveHostPath, sensitiveHostPath } from './host-paths';

/** One setting of a node that gives a container power over the host (the contract's shape). */
export interface DangerousSetting {
  nodeId: string;
  /** The field, e.g. `privileged`, `capAdd[0]`, `mounts[2].source`. */
  setting: string;
  value: string;
  reason: string;
}

/**
 * Where a host path really leads: an absolute, normalized path, or undefined when that cannot
 * be told. The default is {@link resolveHostPath} without a base folder (relative paths unjudged).
 */
export type HostPathResolver = (source: string) => string | undefined;

/**
 * Capabilities that reach past the container, each with the reason. Docker's default set
 * (CHOWN, DAC_OVERRIDE, NET_RAW, …) is not listed: adding one of those changes nothing.
 */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'every capability: as good as privileged',
  SYS_ADMIN: 'mount file systems and much of kernel administration: the usual way out of a container',
  NET_ADMIN: 'reconfigure networking: interfaces, routes, firewall rules (the host’s, with host networking)',
  SYS_PTRACE: 'trace and inject code into other processes',
  SYS_MODULE: 'load kernel modules: run code in the host kernel',
  SYS_RAWIO: 'raw access to I/O ports and memory devices',
  DAC_READ_SEARCH: 'read any file, bypassing permissions (open_by_handle_at reaches host files)',
  SYS_TIME: "set the host's clock",
  SYSLOG: "read and clear the kernel's log, with its addresses",
  MAC_ADMIN: 'change the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'bypass the AppArmor or SELinux policy',
  BPF: 'load BPF programs into the host kernel',
  PERFMON: "observe the host kernel's performance data",
};

/** `securityOpt` entries that switch a protection off, as `key=value` (`:` is accepted too). */
export const UNCONFINED_SECURITY_OPTS: Readonly<Record<string, string>> = {
  'seccomp=unconfined': 'turns off the system-call filter',
  'apparmor=unconfined': 'turns off AppArmor confinement',
  'label=disable': 'turns off SELinux separation',
  'label=type:spc_t': 'runs as an SELinux super-privileged container',
  'label=type:unconfined_t': 'runs unconfined by SELinux',
  'systempaths=unconfined': 'unmasks the /proc and /sys paths the engine hides from containers',
};

const HOST_NAMESPACE: Readonly<Record<'networkMode' | 'pid' | 'ipc', string>> = {
  networkMode:
    "shares the host's network stack: binds any host port, reaches services on the host's localhost",
  pid: "shares the host's process namespace: sees and can signal every host process",
  ipc: "shares the host's IPC namespace: shared memory and semaphores of host processes",
};

function capabilityName(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}

function securityOptKey(option: string): string {
  const trimmed = option.trim().toLowerCase();
  // `seccomp:unconfined` is the old spelling of `seccomp=unconfined`.
  return trimmed.replace(/^([a-z-]+)[:=]/, '$1=');
}

function hostPath(
  nodeId: string,
  setting: string,
  source: string,
  resolve: HostPathResolver,
): DangerousSetting | undefined {
  const written = resolveHostPath(source);
  const real = resolve(source);
  const reason =
    (real !== undefined ? sensitiveHostPath(real) : undefined) ??
    (written !== undefined ? sensitiveHostPath(written) : undefined);
  if (reason === undefined) return undefined;
  const value = real !== undefined && real !== source ? `${source} → ${real}` : source;
  return { nodeId, setting, value, reason };
}

function containerSettings(id: string, node: ContainerNode, resolve: HostPathResolver): DangerousSetting[] {
  const out: DangerousSetting[] = [];
  const add = (setting: string, value: string, reason: string) =>
    out.push({ nodeId: id, setting, value, reason });
  if (node.privileged === true) {
    add(
      'privileged',
      'true',
      'turns off all isolation: every capability and host device, no seccomp or AppArmor; as good as root on the host',
    );
  }
  for (const field of ['networkMode', 'pid', 'ipc'] as const) {
    if (node[field]?.trim().toLowerCase() === 'host') add(field, 'host', HOST_NAMESPACE[field]);
  }
  node.capAdd?.forEach((cap, i) => {
    const reason = DANGEROUS_CAPABILITIES[capabilityName(cap)];
    if (reason !== undefined) add(`capAdd[${i}]`, cap, reason);
  });
  node.securityOpt?.forEach((option, i) => {
    const reason = UNCONFINED_SECURITY_OPTS[securityOptKey(option)];
    if (reason !== undefined) add(`securityOpt[${i}]`, option, reason);
  });
  node.devices?.forEach((device, i) => {
    const hostDevice = device.split(':')[0] || device;
    add(`devices[${i}]`, device, `direct access to the host device ${hostDevice}`);
  });
  node.mounts?.forEach((mount, i) => {
    if (mount.type !== 'bind') return;
    const found = hostPath(id, `mounts[${i}].source`, mount.source, resolve);
    if (found) out.push(found);
  });
  return out;
}

/** A local volume with `o: bind` is a bind mount of `device` under another name. */
export function boundDevice(node: VolumeNode): string | undefined {
  const options = node.driverOpts;
  if (!options || (node.driver ?? 'local') !== 'local' || options['device'] === undefined) return undefined;
  const o = options['o'] ?? '';
  return o.split(',').some((part) => part.trim() === 'bind' || part.trim() === 'rbind')
    ? options['device']
    : undefined;
}

/** Every host path the topology would mount: bind sources and bind-backed volumes' devices. */
export function hostPathsOf(topology: Topology): string[] {
  const paths = new Set<string>();
  for (const node of Object.values(topology.spec.nodes)) {
    if (isContainer(node)) {
      for (const mount of node.mounts ?? []) if (mount.type === 'bind') paths.add(mount.source);
    } else if (node.kind === 'volume') {
      const device = boundDevice(node);
      if (device !== undefined) paths.add(device);
    }
  }
  return [...paths];
}

/**
 * The settings of the topology that need the user's explicit consent before a run, by node id
 * and then in field order: privileged mode, the host's network, PID or IPC namespace, powerful
 * capabilities, protections switched off, host devices, and bind mounts of the engine's socket
 * or of sensitive host paths (also when `..` or a symbolic link leads there: pass a resolver).
 */
export function dangerousSettings(
  topology: Topology,
  resolve: HostPathResolver = (source) => resolveHostPath(source),
): DangerousSetting[] {
  const out: DangerousSetting[] = [];
  for (const id of Object.keys(topology.spec.nodes).sort()) {
    const node = topology.spec.nodes[id]!;
    if (isContainer(node)) out.push(...containerSettings(id, node, resolve));
    else if (node.kind === 'volume') {
      const device = boundDevice(node);
      const found = device === undefined ? undefined : hostPath(id, 'driverOpts.device', device, resolve);
      if (found) out.push(found);
    }
  }
  return out;
}
