import { isDuration } from '../text/durations';
import {
  isAbsoluteContainerPath,
  isCidr,
  isImageReference,
  isIpv4,
  isIpv6,
  isPortNumber,
  parsePortRange,
} from './checks';
import {
  isContainer,
  type Backoff,
  type ContainerNode,
  type NetworkNode,
  type ServiceNode,
  type VolumeNode,
} from './model';
import { problem, type PathSegment } from './problem';
import { displayName, nodePath, type ValidationContext } from './validate-context';

export function checkFields(ctx: ValidationContext): void {
  for (const [id, node] of ctx.entries) {
    if (isContainer(node)) {
      checkContainer(ctx, id, node);
      if (node.kind === 'service') checkService(ctx, id, node);
      else {
        checkDuration(ctx, id, node.timeout, ['timeout']);
        if (node.retry && node.retry.maxAttempts < 1) {
          ctx.out.push(
            problem(
              'RETRY_INVALID',
              `Job "${displayName(id, node)}" retries with maxAttempts ${node.retry.maxAttempts}; it must be at least 1.`,
              nodePath(id, 'retry', 'maxAttempts'),
              { nodeId: id },
            ),
          );
        }
        backoff(ctx, id, node.retry?.backoff, ['retry', 'backoff']);
      }
    } else if (node.kind === 'network') {
      checkNetwork(ctx, id, node);
    } else {
      checkVolume(ctx, id, node);
    }
  }
}

/** Reports a field that is set but is not a Go/Compose duration. */
export function checkDuration(
  ctx: ValidationContext,
  id: string,
  value: string | undefined,
  field: PathSegment[],
): void {
  if (value !== undefined && !isDuration(value)) {
    ctx.out.push(
      problem(
        'DURATION_INVALID',
        `"${value}" is not a duration; write it like 10s, 1m30s or 500ms.`,
        nodePath(id, ...field),
        { nodeId: id },
      ),
    );
  }
}

function backoff(ctx: ValidationContext, id: string, value: Backoff | undefined, field: PathSegment[]): void {
  if (value === undefined) return;
  checkDuration(ctx, id, value.initial, [...field, 'initial']);
  checkDuration(ctx, id, value.max, [...field, 'max']);
  if (value.jitter !== undefined && (value.jitter < 0 || value.jitter > 1)) {
    ctx.out.push(
      problem(
        'RETRY_INVALID',
        `Jitter ${value.jitter} must be a fraction between 0 and 1.`,
        nodePath(id, ...field, 'jitter'),
        { nodeId: id },
      ),
    );
  }
  if (value.multiplier !== undefined && value.multiplier < 1) {
    ctx.out.push(
      problem(
        'RETRY_INVALID',
        `Backoff multiplier ${value.multiplier} must be at least 1.`,
        nodePath(id, ...field, 'multiplier'),
        { nodeId: id },
      ),
    );
  }
}

const NETWORK_MODES = /^(host|none|bridge|default|service:.+|container:.+)$/;

function checkContainer(ctx: ValidationContext, id: string, node: ContainerNode): void {
  const who = `"${displayName(id, node)}"`;
  if (node.image === undefined && node.build === undefined) {
    ctx.out.push(
      problem('IMAGE_MISSING', `${who} has neither an image nor a build context.`, nodePath(id), {
        nodeId: id,
      }),
    );
  } else if (node.image !== undefined && !isImageReference(node.image)) {
    ctx.out.push(
      problem(
        'IMAGE_INVALID',
        `"${node.image}" is not a valid image reference (lowercase repository, optional registry host, :tag and @digest).`,
        nodePath(id, 'image'),
        { nodeId: id },
      ),
    );
  }
  checkDuration(ctx, id, node.stopGracePeriod, ['stopGracePeriod']);
  const targets = new Map<string, number>();
  node.mounts?.forEach((mount, i) => {
    if (!isAbsoluteContainerPath(mount.target)) {
      ctx.out.push(
        problem(
          'MOUNT_TARGET_RELATIVE',
          `Mount target "${mount.target}" of ${who} must be an absolute path inside the container.`,
          nodePath(id, 'mounts', i, 'target'),
          { nodeId: id },
        ),
      );
    }
    const normalized = mount.target.length > 1 ? mount.target.replace(/\/+$/, '') : mount.target;
    const previous = targets.get(normalized);
    if (previous !== undefined) {
      ctx.out.push(
        problem(
          'MOUNT_TARGET_DUPLICATE',
          `${who} mounts two things at "${mount.target}" (mounts ${previous} and ${i}).`,
          nodePath(id, 'mounts', i, 'target'),
          { nodeId: id },
        ),
      );
    }
    targets.set(normalized, i);
  });
  if (node.networkMode !== undefined) {
    if (!NETWORK_MODES.test(node.networkMode)) {
      ctx.out.push(
        problem(
          'NETWORK_MODE_INVALID',
          `Network mode "${node.networkMode}" must be host, none, bridge, service:<node> or container:<name>.`,
          nodePath(id, 'networkMode'),
          { nodeId: id },
        ),
      );
    }
    if ((node.networks?.length ?? 0) > 0) {
      ctx.out.push(
        problem(
          'NETWORK_MODE_CONFLICT',
          `${who} sets network mode "${node.networkMode}" and also joins networks; Docker accepts only one of the two.`,
          nodePath(id, 'networkMode'),
          { nodeId: id },
        ),
      );
    }
  }
}

function checkService(ctx: ValidationContext, id: string, node: ServiceNode): void {
  const who = `"${displayName(id, node)}"`;
  const hc = node.healthcheck;
  for (const field of ['interval', 'timeout', 'startPeriod', 'startInterval'] as const) {
    checkDuration(ctx, id, hc?.[field], ['healthcheck', field]);
  }
  backoff(ctx, id, node.recovery?.backoff, ['recovery', 'backoff']);
  checkDuration(ctx, id, node.recovery?.circuitBreaker?.resetAfter, [
    'recovery',
    'circuitBreaker',
    'resetAfter',
  ]);
  const replicas = node.replicas ?? 1;
  if (replicas < 0) {
    ctx.out.push(
      problem('REPLICAS_INVALID', `${who} asks for ${replicas} replicas.`, nodePath(id, 'replicas'), {
        nodeId: id,
      }),
    );
  }
  if (replicas > 1 && node.containerName !== undefined) {
    ctx.out.push(
      problem(
        'REPLICAS_CONTAINER_NAME',
        `${who} runs ${replicas} replicas but fixes the container name "${node.containerName}"; only one container can have it.`,
        nodePath(id, 'containerName'),
        { nodeId: id },
      ),
    );
  }
  node.ports?.forEach((port, i) => {
    const path = nodePath(id, 'ports', i);
    if (!isPortNumber(port.target)) {
      ctx.out.push(
        problem('PORT_INVALID', `Container port ${port.target} is outside 1-65535.`, [...path, 'target'], {
          nodeId: id,
        }),
      );
    }
    if (port.hostIp !== undefined && !isIpv4(port.hostIp) && !isIpv6(port.hostIp.replace(/^\[|\]$/g, ''))) {
      ctx.out.push(
        problem('PORT_INVALID', `Host address "${port.hostIp}" is not an IP address.`, [...path, 'hostIp'], {
          nodeId: id,
        }),
      );
    }
    if (port.published === undefined) return;
    const range = parsePortRange(port.published);
    if (!range || !isPortNumber(range.start) || !isPortNumber(range.end) || range.end < range.start) {
      ctx.out.push(
        problem(
          'PORT_INVALID',
          `Host port "${port.published}" must be a port 1-65535 or a range like 8000-8010.`,
          [...path, 'published'],
          { nodeId: id },
        ),
      );
      return;
    }
    const size = range.end - range.start + 1;
    if (replicas > size) {
      const what =
        size === 1
          ? `fixed host port ${range.start}`
          : `host ports ${range.start}-${range.end} (${size} ports)`;
      ctx.out.push(
        problem(
          'REPLICAS_FIXED_HOST_PORT',
          `${who} runs ${replicas} replicas on ${what}; the replicas would clash. Publish a range or drop the host port.`,
          [...path, 'published'],
          { nodeId: id },
        ),
      );
    }
  });
  node.expose?.forEach((value, i) => {
    const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(value);
    if (
      !match ||
      !isPortNumber(Number(match[1])) ||
      (match[2] !== undefined && !isPortNumber(Number(match[2])))
    ) {
      ctx.out.push(
        problem(
          'PORT_INVALID',
          `Exposed port "${value}" must be a port, a range, and an optional /tcp or /udp.`,
          nodePath(id, 'expose', i),
          { nodeId: id },
        ),
      );
    }
  });
  if (node.networkMode === 'host' && (node.ports?.length ?? 0) > 0) {
    ctx.out.push(
      problem(
        'PORTS_IGNORED_HOST_NETWORK',
        `${who} uses the host network, so its published ports are ignored; it listens on the host directly.`,
        nodePath(id, 'ports'),
        { nodeId: id },
      ),
    );
  }
}

function checkNetwork(ctx: ValidationContext, id: string, node: NetworkNode): void {
  node.subnets?.forEach((subnet, i) => {
    if (!isCidr(subnet.subnet)) {
      ctx.out.push(
        problem(
          'SUBNET_INVALID',
          `"${subnet.subnet}" is not a subnet in CIDR form such as 172.20.0.0/24.`,
          nodePath(id, 'subnets', i, 'subnet'),
          { nodeId: id },
        ),
      );
    }
    if (subnet.gateway !== undefined && !isIpv4(subnet.gateway) && !isIpv6(subnet.gateway)) {
      ctx.out.push(
        problem(
          'SUBNET_INVALID',
          `Gateway "${subnet.gateway}" is not an IP address.`,
          nodePath(id, 'subnets', i, 'gateway'),
          { nodeId: id },
        ),
      );
    }
  });
  const options = [node.driver, node.driverOpts, node.subnets, node.internal, node.enableIpv6].some(
    (v) => v !== undefined,
  );
  if (node.external === true && options) {
    ctx.out.push(
      problem(
        'EXTERNAL_WITH_OPTIONS',
        `Network "${displayName(id, node)}" is external, so its driver and addressing options are ignored.`,
        nodePath(id, 'external'),
        { nodeId: id },
      ),
    );
  }
}

function checkVolume(ctx: ValidationContext, id: string, node: VolumeNode): void {
  if (node.external === true && (node.driver !== undefined || node.driverOpts !== undefined)) {
    ctx.out.push(
      problem(
        'EXTERNAL_WITH_OPTIONS',
        `Volume "${displayName(id, node)}" is external, so its driver options are ignored.`,
        nodePath(id, 'external'),
        { nodeId: id },
      ),
    );
  }
}
