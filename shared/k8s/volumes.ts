import { isContainer, type ContainerNode, type Mount, type VolumeNode } from '../topology/model';
import { memoryQuantity } from './quantities';
import { metadata, nodePath, type K8sContext } from './context';
import type { IPersistentVolumeClaim, IVolume, IVolumeMount } from './k8s-types';
import { NameTable } from './names';

/** A pod's volumes and its container's mounts, built up by the mounts, secrets and configs. */
export class PodStorage {
  readonly volumes: IVolume[] = [];
  readonly mounts: IVolumeMount[] = [];
  private readonly names = new NameTable();
  private readonly byKey = new Map<string, string>();

  /** The pod volume for `key`, added once however many mounts use it; returns its name. */
  volume(key: string, wanted: string, source: Omit<IVolume, 'name'>): string {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const name = this.names.allocate(wanted);
    this.byKey.set(key, name);
    this.volumes.push({ name, ...source });
    return name;
  }

  mount(mount: IVolumeMount): void {
    this.mounts.push(mount);
  }
}

const PROPAGATION: Readonly<Record<string, IVolumeMount['mountPropagation']>> = {
  rprivate: 'None',
  private: 'None',
  rslave: 'HostToContainer',
  slave: 'HostToContainer',
  rshared: 'Bidirectional',
  shared: 'Bidirectional',
};

/** A bind source on the node: absolute as written, relative (or `~`) under the host-path base. */
export function hostPath(ctx: K8sContext, source: string): string {
  if (source.startsWith('/')) return source;
  const relative = source.replace(/^~\/?/, '').replace(/^(\.\/)+/, '');
  return relative === '' || relative === '.' ? ctx.hostPathBase : `${ctx.hostPathBase}/${relative}`;
}

export function addMounts(ctx: K8sContext, id: string, node: ContainerNode, storage: PodStorage): void {
  const name = ctx.names.workload.get(id) ?? id;
  node.mounts?.forEach((mount, i) => addMount(ctx, id, name, mount, i, storage));
  if (node.shmSize !== undefined) {
    const size = memoryQuantity(node.shmSize);
    const volume = storage.volume('shm', 'shm', {
      emptyDir: { medium: 'Memory', ...(size === undefined ? {} : { sizeLimit: size }) },
    });
    storage.mount({ name: volume, mountPath: '/dev/shm' });
  }
}

function addMount(
  ctx: K8sContext,
  id: string,
  workload: string,
  mount: Mount,
  index: number,
  storage: PodStorage,
): void {
  const field = nodePath(id, 'mounts', index);
  switch (mount.type) {
    case 'volume': {
      if (mount.source === undefined) {
        const volume = storage.volume(`anon:${index}`, `anon-${index}`, { emptyDir: {} });
        storage.mount({
          name: volume,
          mountPath: mount.target,
          ...(mount.readOnly ? { readOnly: true } : {}),
        });
        return;
      }
      const claimName = ctx.names.volume.get(mount.source) ?? mount.source;
      const volume = storage.volume(`pvc:${claimName}`, claimName, {
        persistentVolumeClaim: { claimName },
      });
      storage.mount({
        name: volume,
        mountPath: mount.target,
        ...(mount.readOnly ? { readOnly: true } : {}),
        ...(mount.subpath === undefined ? {} : { subPath: mount.subpath }),
      });
      if (mount.nocopy !== true) {
        ctx.note({
          code: 'VOLUME_NOT_PREFILLED',
          level: 'info',
          nodeId: id,
          field,
          object: `PersistentVolumeClaim/${claimName}`,
          message: `Docker fills an empty volume with the image's files at ${mount.target}; Kubernetes mounts claim "${claimName}" empty in "${workload}".`,
        });
      }
      return;
    }
    case 'bind': {
      const path = hostPath(ctx, mount.source);
      const volume = storage.volume(`host:${path}`, `host-${index}`, { hostPath: { path } });
      const propagation = mount.propagation === undefined ? undefined : PROPAGATION[mount.propagation];
      storage.mount({
        name: volume,
        mountPath: mount.target,
        ...(mount.readOnly ? { readOnly: true } : {}),
        ...(propagation === undefined ? {} : { mountPropagation: propagation }),
      });
      ctx.note({
        code: 'BIND_MOUNT',
        level: 'warning',
        nodeId: id,
        field,
        message: `Bind mount ${mount.source} -> ${mount.target} of "${workload}" is a hostPath volume at ${path}: that path must exist on whichever node runs the pod, and many clusters forbid hostPath. A ConfigMap or a PersistentVolumeClaim is usually the better home.`,
        ...(mount.source.startsWith('/')
          ? {}
          : { command: `kubectl create configmap ${workload}-files --from-file=${mount.source}` }),
      });
      if ((mount.propagation !== undefined && propagation === undefined) || mount.selinux !== undefined) {
        ctx.note({
          code: 'MOUNT_OPTIONS',
          level: 'warning',
          nodeId: id,
          field,
          message: `Mount options ${[mount.propagation, mount.selinux].filter((o) => o !== undefined).join(', ')} of ${mount.target} in "${workload}" have no Kubernetes equivalent: not exported.`,
        });
      }
      return;
    }
    case 'tmpfs': {
      const size = memoryQuantity(mount.size);
      const volume = storage.volume(`tmpfs:${index}`, `tmpfs-${index}`, {
        emptyDir: { medium: 'Memory', ...(size === undefined ? {} : { sizeLimit: size }) },
      });
      storage.mount({ name: volume, mountPath: mount.target });
      if (mount.mode !== undefined) {
        ctx.note({
          code: 'MOUNT_OPTIONS',
          level: 'warning',
          nodeId: id,
          field,
          message: `A memory-backed emptyDir has no mode: the tmpfs mode of ${mount.target} in "${workload}" is not exported.`,
        });
      }
      return;
    }
  }
}

/** The pods that mount a volume node: how many workloads and whether one has several replicas. */
function volumeUsers(ctx: K8sContext, volumeId: string): { workloads: string[]; replicated: boolean } {
  const workloads: string[] = [];
  let replicated = false;
  for (const [id, node] of Object.entries(ctx.topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    if (!(node.mounts ?? []).some((m) => m.type === 'volume' && m.source === volumeId)) continue;
    workloads.push(ctx.names.workload.get(id) ?? id);
    if (node.kind === 'service' && (node.replicas ?? 1) > 1) replicated = true;
  }
  return { workloads, replicated };
}

/** A volume node as a PersistentVolumeClaim; none for an external volume (its claim exists). */
export function volumeClaim(
  ctx: K8sContext,
  id: string,
  node: VolumeNode,
): IPersistentVolumeClaim | undefined {
  const name = ctx.names.volume.get(id) ?? id;
  if (node.external === true) {
    ctx.note({
      code: 'EXTERNAL_OBJECT',
      level: 'info',
      nodeId: id,
      field: nodePath(id, 'external'),
      message: `Volume "${name}" is external: no claim is exported, and the pods expect a PersistentVolumeClaim "${name}" to exist.`,
    });
    return undefined;
  }
  ctx.note({
    code: 'VOLUME_SIZE',
    level: 'info',
    nodeId: id,
    field: nodePath(id),
    object: `PersistentVolumeClaim/${name}`,
    message: `Docker volumes have no size; claim "${name}" requests ${ctx.volumeSize} from the default StorageClass: edit it to fit.`,
  });
  if (node.driver !== undefined || node.driverOpts !== undefined) {
    ctx.note({
      code: 'VOLUME_DRIVER',
      level: 'warning',
      nodeId: id,
      field: nodePath(id, node.driver === undefined ? 'driverOpts' : 'driver'),
      object: `PersistentVolumeClaim/${name}`,
      message: `The volume driver${node.driver === undefined ? "'s options" : ` "${node.driver}"`} of "${name}" is not exported: choose a storageClassName that provides the same storage.`,
    });
  }
  const users = volumeUsers(ctx, id);
  if (users.workloads.length > 1 || users.replicated) {
    ctx.note({
      code: 'VOLUME_SHARED',
      level: 'warning',
      nodeId: id,
      field: nodePath(id),
      object: `PersistentVolumeClaim/${name}`,
      message: `Claim "${name}" is ReadWriteOnce, but ${users.workloads.length > 1 ? `${users.workloads.join(', ')} mount it` : `${users.workloads[0]} has several replicas`}: their pods must run on one node, or the claim needs a ReadWriteMany StorageClass.`,
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(ctx, name, { nodeId: id }),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: ctx.volumeSize } },
    },
  };
}
