import type { ContainerNode } from '../topology/model';
import { nodePath, type K8sContext, type NoteInput } from './context';
import { runtimeClassName } from './runtime-class';

/*
 * Container fields with no Kubernetes counterpart (or one the export does not write): each one
 * set is reported, so the fidelity report lists everything that did not make it.
 */

type Report = Omit<NoteInput, 'nodeId' | 'field'> & { field: string };

function reports(node: ContainerNode, name: string): Report[] {
  const out: Report[] = [];
  if (node.devices !== undefined && node.devices.length > 0) {
    out.push({
      code: 'DEVICES',
      level: 'warning',
      field: 'devices',
      message: `Kubernetes gives pods devices through device plugins, not paths: ${node.devices.join(', ')} of "${name}" are not exported.`,
    });
  }
  if (node.ulimits !== undefined) {
    out.push({
      code: 'ULIMITS',
      level: 'warning',
      field: 'ulimits',
      message: `Kubernetes has no ulimits per container: ${Object.keys(node.ulimits).join(', ')} of "${name}" take the node's container runtime defaults.`,
    });
  }
  if (node.stopSignal !== undefined) {
    out.push({
      code: 'STOP_SIGNAL',
      level: 'warning',
      field: 'stopSignal',
      message: `Kubernetes stops "${name}" with SIGTERM (or the image's STOPSIGNAL), not ${node.stopSignal}: not exported.`,
    });
  }
  if (node.containerName !== undefined) {
    out.push({
      code: 'CONTAINER_NAME',
      level: 'info',
      field: 'containerName',
      message: `Pods get generated names: the container name "${node.containerName}" is not exported (the Service "${name}" is the stable name).`,
    });
  }
  if (node.profiles !== undefined && node.profiles.length > 0) {
    out.push({
      code: 'PROFILES',
      level: 'info',
      field: 'profiles',
      message: `Kubernetes has no profiles: "${name}" (profiles ${node.profiles.join(', ')}) is exported with everything else.`,
    });
  }
  if (node.init === true) {
    out.push({
      code: 'INIT',
      level: 'info',
      field: 'init',
      message: `Kubernetes runs no init process in the container: "${name}" runs its command as PID 1 (set shareProcessNamespace, or use an image with tini).`,
    });
  }
  if (node.logging !== undefined) {
    out.push({
      code: 'LOGGING',
      level: 'info',
      field: 'logging',
      message: `The cluster collects logs: the logging driver of "${name}" is not exported.`,
    });
  }
  if (node.runtime !== undefined) {
    out.push({
      code: 'RUNTIME',
      level: 'info',
      field: 'runtime',
      message: `Runtime "${node.runtime}" is exported as runtimeClassName ${runtimeClassName(node.runtime)}: the cluster needs a RuntimeClass of that name, with a handler for it.`,
    });
  }
  if (node.extensions !== undefined && Object.keys(node.extensions).length > 0) {
    out.push({
      code: 'EXTENSIONS',
      level: 'info',
      field: 'extensions',
      message: `The x- fields ${Object.keys(node.extensions).join(', ')} of "${name}" have no meaning in Kubernetes: not exported.`,
    });
  }
  node.networks?.forEach((attachment, i) => {
    if (attachment.ipv4Address !== undefined || attachment.ipv6Address !== undefined) {
      out.push({
        code: 'NETWORK_ADDRESS',
        level: 'warning',
        field: `networks.${i}`,
        message: `Pods get their addresses from the cluster: the fixed address ${attachment.ipv4Address ?? attachment.ipv6Address} of "${name}" is not exported; reach it by its Service name.`,
      });
    }
  });
  return out;
}

export function reportUnsupported(ctx: K8sContext, id: string, node: ContainerNode): void {
  const name = ctx.names.workload.get(id) ?? id;
  for (const report of reports(node, name)) {
    ctx.note({
      ...report,
      nodeId: id,
      field: nodePath(id, ...report.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
    });
  }
}
