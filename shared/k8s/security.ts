import type { ContainerNode } from '../topology/model';
import { nodePath, type K8sContext } from './context';
import type { IPodSpec, ISecurityContext } from './k8s-types';

type PodSecurityContext = NonNullable<IPodSpec['securityContext']>;

/** Sysctls Kubernetes allows in every pod; others need the kubelet's `--allowed-unsafe-sysctls`. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

const capability = (name: string): string => name.toUpperCase().replace(/^CAP_/, '');

/** `1000`, `1000:1000` -> ids; a user or group by name cannot be expressed. */
function userIds(
  ctx: K8sContext,
  id: string,
  user: string,
): Pick<ISecurityContext, 'runAsUser' | 'runAsGroup'> {
  const [uid = '', gid] = user.split(':');
  const numeric = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  const runAsUser = numeric(uid);
  const runAsGroup = numeric(gid);
  if (runAsUser === undefined || (gid !== undefined && runAsGroup === undefined)) {
    ctx.note({
      code: 'USER',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'user'),
      message: `Kubernetes takes numeric user and group ids only; "${user}" is ${runAsUser === undefined ? "not exported: the image's user runs" : 'exported as its numeric part'}.`,
    });
  }
  return {
    ...(runAsUser === undefined ? {} : { runAsUser }),
    ...(runAsUser !== undefined && runAsGroup !== undefined ? { runAsGroup } : {}),
  };
}

/** One `security_opt` entry, when Kubernetes has a field for it. */
function securityOption(option: string): Partial<ISecurityContext> | undefined {
  const [key = '', value = 'true'] = option.split(/[=:]/, 2);
  switch (key) {
    case 'no-new-privileges':
      return { allowPrivilegeEscalation: value !== 'true' };
    case 'seccomp':
      return value === 'unconfined' ? { seccompProfile: { type: 'Unconfined' } } : undefined;
    case 'apparmor':
      return value === 'unconfined'
        ? { appArmorProfile: { type: 'Unconfined' } }
        : { appArmorProfile: { type: 'Localhost', localhostProfile: value } };
    default:
      return undefined;
  }
}

export function containerSecurity(
  ctx: K8sContext,
  id: string,
  node: ContainerNode,
): ISecurityContext | undefined {
  const security: ISecurityContext = {};
  if (node.user !== undefined) Object.assign(security, userIds(ctx, id, node.user));
  if (node.privileged === true) {
    security.privileged = true;
    ctx.note({
      code: 'PRIVILEGED',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'privileged'),
      message: `"${ctx.names.workload.get(id)}" runs privileged: namespaces under the "baseline" or "restricted" Pod Security Standard refuse its pods.`,
    });
  }
  const add = node.capAdd?.map(capability);
  const drop = node.capDrop?.map(capability);
  if (add !== undefined || drop !== undefined) {
    security.capabilities = {
      ...(add === undefined ? {} : { add }),
      ...(drop === undefined ? {} : { drop }),
    };
  }
  if (node.readOnly === true) security.readOnlyRootFilesystem = true;
  node.securityOpt?.forEach((option, i) => {
    const mapped = securityOption(option);
    if (mapped === undefined) {
      ctx.note({
        code: 'SECURITY',
        level: 'warning',
        nodeId: id,
        field: nodePath(id, 'securityOpt', i),
        message: `security_opt "${option}" has no Kubernetes field: not exported (SELinux labels go in securityContext.seLinuxOptions, seccomp profiles on the node in seccompProfile.localhostProfile).`,
      });
    } else Object.assign(security, mapped);
  });
  return Object.keys(security).length > 0 ? security : undefined;
}

/** Pod-level security: the sysctls Kubernetes allows; the unsafe ones are reported, not exported. */
export function podSecurity(
  ctx: K8sContext,
  id: string,
  node: ContainerNode,
): PodSecurityContext | undefined {
  const sysctls: { name: string; value: string }[] = [];
  const unsafe: string[] = [];
  for (const [name, value] of Object.entries(node.sysctls ?? {})) {
    if (SAFE_SYSCTLS.has(name)) sysctls.push({ name, value });
    else unsafe.push(name);
  }
  if (unsafe.length > 0) {
    ctx.note({
      code: 'SYSCTLS',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, 'sysctls'),
      message: `Unsafe sysctls ${unsafe.join(', ')} are not exported: a pod that sets them is refused unless the kubelet allows them (--allowed-unsafe-sysctls); add them to the pod's securityContext.sysctls where it does.`,
    });
  }
  return sysctls.length > 0 ? { sysctls } : undefined;
}
