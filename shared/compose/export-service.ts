import {
  sharedNetworkMode,
  sharedNetworkService,
  type ContainerNode,
  type DependencyCondition,
  type FileGrant,
  type Mount,
  type Port,
} from '../topology/model';
import type {
  ComposeCondition,
  ComposeFileGrant,
  ComposeService,
  ComposeServiceNetwork,
  ComposeVolumeMount,
} from './compose-types';
import { compact, nonEmpty } from './objects';

export const CONDITION_TO_COMPOSE: Record<DependencyCondition, ComposeCondition> = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully',
};

/** Resolves node ids to the names Compose uses as keys. */
export type KeyOf = (id: string) => string;

export function portToCompose(port: Port): string {
  const host =
    port.hostIp === undefined
      ? ''
      : port.hostIp.includes(':') && !port.hostIp.startsWith('[')
        ? `[${port.hostIp}]:`
        : `${port.hostIp}:`;
  const published = port.published === undefined ? '' : `${port.published}:`;
  const protocol = port.protocol === undefined ? '' : `/${port.protocol}`;
  // An address without a host port needs the empty host-port field (`127.0.0.1::80`).
  const hostPart = host !== '' && published === '' ? `${host}:` : `${host}${published}`;
  return `${hostPart}${port.target}${protocol}`;
}

/** Short syntax where it says everything, long syntax otherwise. */
export function mountToCompose(mount: Mount, keyOf: KeyOf): ComposeVolumeMount | string {
  switch (mount.type) {
    case 'volume': {
      const source = mount.source === undefined ? undefined : keyOf(mount.source);
      if (mount.nocopy === undefined && mount.subpath === undefined) {
        const ro = mount.readOnly === true ? ':ro' : '';
        return source === undefined ? `${mount.target}${ro}` : `${source}:${mount.target}${ro}`;
      }
      return compact({
        type: 'volume' as const,
        source,
        target: mount.target,
        read_only: mount.readOnly,
        volume: compact({ nocopy: mount.nocopy, subpath: mount.subpath }),
      });
    }
    case 'bind': {
      // Short syntax implies create_host_path; an explicit false needs the long form.
      // A source without a path prefix would read back as a named volume.
      if (
        mount.propagation === undefined &&
        mount.createHostPath !== false &&
        !mount.source.includes(':') &&
        /^[./~]/.test(mount.source)
      ) {
        const options = [mount.readOnly === true ? 'ro' : undefined, mount.selinux].filter(
          (o) => o !== undefined,
        );
        return `${mount.source}:${mount.target}${options.length > 0 ? `:${options.join(',')}` : ''}`;
      }
      // Long syntax already means "do not create"; write the flag only when it must be created.
      const bind = compact({
        propagation: mount.propagation,
        create_host_path: mount.createHostPath === false ? undefined : true,
        selinux: mount.selinux,
      });
      return compact({
        type: 'bind' as const,
        source: mount.source,
        target: mount.target,
        read_only: mount.readOnly,
        bind: Object.keys(bind).length > 0 ? bind : undefined,
      });
    }
    case 'tmpfs': {
      const tmpfs = compact({ size: mount.size, mode: mount.mode });
      return compact({
        type: 'tmpfs' as const,
        target: mount.target,
        tmpfs: Object.keys(tmpfs).length > 0 ? tmpfs : undefined,
      });
    }
  }
}

function grants(list: readonly FileGrant[] | undefined): (string | ComposeFileGrant)[] | undefined {
  return list?.map((g) =>
    g.target === undefined && g.uid === undefined && g.gid === undefined && g.mode === undefined
      ? g.source
      : compact({ ...g }),
  );
}

/** The Compose service for a service or job node; Dockwright-only fields are handled by the caller. */
export function containerToCompose(node: ContainerNode, keyOf: KeyOf): ComposeService {
  const networks = node.networks;
  const plainNetworks = networks?.every(
    (n) =>
      n.aliases === undefined &&
      n.ipv4Address === undefined &&
      n.ipv6Address === undefined &&
      n.priority === undefined,
  );
  const sharedWith = sharedNetworkService(node.networkMode);
  const service: ComposeService = compact({
    image: node.image,
    build:
      node.build &&
      compact({
        context: node.build.context,
        dockerfile: node.build.dockerfile,
        target: node.build.target,
        args: node.build.args,
        labels: node.build.labels,
        cache_from: node.build.cacheFrom,
        network: node.build.network,
      }),
    pull_policy: node.pullPolicy,
    platform: node.platform,
    container_name: node.containerName,
    hostname: node.hostname,
    command: node.command,
    entrypoint: node.entrypoint,
    environment: node.environment,
    env_file: node.envFiles,
    user: node.user,
    working_dir: node.workingDir,
    init: node.init,
    labels: node.labels,
    ports: node.kind === 'service' ? node.ports?.map(portToCompose) : undefined,
    expose: node.kind === 'service' ? node.expose : undefined,
    depends_on:
      node.dependsOn &&
      Object.fromEntries(
        node.dependsOn.map((dep) => [
          keyOf(dep.node),
          compact({
            condition: CONDITION_TO_COMPOSE[dep.condition],
            restart: dep.restart,
            required: dep.required,
          }),
        ]),
      ),
    healthcheck:
      node.kind === 'service' && node.healthcheck
        ? compact({
            test: node.healthcheck.test,
            interval: node.healthcheck.interval,
            timeout: node.healthcheck.timeout,
            retries: node.healthcheck.retries,
            start_period: node.healthcheck.startPeriod,
            start_interval: node.healthcheck.startInterval,
            disable: node.healthcheck.disable,
          })
        : undefined,
    restart: node.kind === 'service' ? node.restart : 'no',
    deploy: nonEmpty(
      compact({
        replicas: node.kind === 'service' ? node.replicas : undefined,
        resources:
          node.resources &&
          compact({
            limits: node.resources.limits && compact({ ...node.resources.limits }),
            reservations: node.resources.reservations && compact({ ...node.resources.reservations }),
          }),
      }),
    ),
    volumes: node.mounts?.map((m) => mountToCompose(m, keyOf)),
    networks:
      networks &&
      (plainNetworks
        ? networks.map((n) => keyOf(n.network))
        : Object.fromEntries(
            networks.map((n): [string, ComposeServiceNetwork] => [
              keyOf(n.network),
              compact({
                aliases: n.aliases,
                ipv4_address: n.ipv4Address,
                ipv6_address: n.ipv6Address,
                priority: n.priority,
              }),
            ]),
          )),
    network_mode: sharedWith === undefined ? node.networkMode : sharedNetworkMode(keyOf(sharedWith)),
    secrets: grants(node.secrets),
    configs: grants(node.configs),
    profiles: node.profiles,
    privileged: node.privileged,
    cap_add: node.capAdd,
    cap_drop: node.capDrop,
    devices: node.devices,
    pid: node.pid,
    ipc: node.ipc,
    read_only: node.readOnly,
    security_opt: node.securityOpt,
    ulimits: node.ulimits,
    sysctls: node.sysctls,
    shm_size: node.shmSize,
    dns: node.dns,
    extra_hosts: node.extraHosts,
    stop_signal: node.stopSignal,
    stop_grace_period: node.stopGracePeriod,
    stdin_open: node.stdinOpen,
    tty: node.tty,
    runtime: node.runtime,
    logging: node.logging,
  });
  return service;
}
