import type { Attributes, Span } from '@opentelemetry/api';
import type Docker from 'dockerode';
import type { DockerCallObserver } from '../telemetry/docker-calls';
import { ATTR, type DockerOperation } from '../telemetry/names';

/*
 * Wraps a dockerode client so that every API call it makes is observed (latency, errors, a span
 * inside traced work) without the code that calls Docker knowing. Only the calls listed here are
 * measured, which keeps the `operation` label a closed set; anything else passes through untouched,
 * as do callback-style calls.
 */

type Entity = 'container' | 'network' | 'volume' | 'image' | 'exec';
type Args = readonly unknown[];
type AnyMethod = (...args: unknown[]) => unknown;

interface CallSpec {
  operation: DockerOperation;
  /** Span attributes from the call's arguments (and the entity's id for entity calls). */
  attributes?: (args: Args, id: string) => Attributes;
  /** Engine answers that are outcomes, not failures. */
  expected?: readonly number[];
  onResult?: (result: unknown, span: Span) => void;
  /** The result is an entity to wrap too (a created container, an exec). */
  returns?: Entity;
}

const HEX_ID = /^[0-9a-f]{12,64}$/;
const arg = (args: Args, index = 0) => (args[index] ?? {}) as Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const defined = (attributes: Record<string, string | number | undefined>): Attributes =>
  Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));

const containerRef = (_args: Args, id: string): Attributes =>
  HEX_ID.test(id) ? { [ATTR.containerId]: id } : { [ATTR.containerName]: id.replace(/^\//, '') };

const inspected = (result: unknown, span: Span) => {
  const info = result as { Id?: string; Name?: string; Config?: { Image?: string } } | undefined;
  span.setAttributes(
    defined({
      [ATTR.containerId]: info?.Id,
      [ATTR.containerName]: info?.Name?.replace(/^\//, ''),
      [ATTR.containerImageName]: info?.Config?.Image,
    }),
  );
};

const CLIENT_CALLS: Readonly<Record<string, CallSpec>> = {
  createContainer: {
    operation: 'container.create',
    attributes: (args) =>
      defined({ [ATTR.containerName]: str(arg(args).name), [ATTR.containerImageName]: str(arg(args).Image) }),
    expected: [409],
    onResult: (result, span) => {
      const id = (result as { id?: string } | undefined)?.id;
      if (id) span.setAttribute(ATTR.containerId, id);
    },
    returns: 'container',
  },
  createNetwork: {
    operation: 'network.create',
    attributes: (args) => defined({ [ATTR.dockerNetwork]: str(arg(args).Name) }),
    expected: [409],
  },
  createVolume: {
    operation: 'volume.create',
    attributes: (args) => defined({ [ATTR.dockerVolume]: str(arg(args).Name) }),
  },
  listContainers: { operation: 'container.list' },
  listNetworks: { operation: 'network.list' },
  listVolumes: { operation: 'volume.list' },
  listImages: { operation: 'image.list' },
  buildImage: {
    operation: 'image.build',
    attributes: (args) => defined({ [ATTR.containerImageName]: str(arg(args, 1).t) }),
  },
  pull: {
    operation: 'image.pull',
    attributes: (args) => defined({ [ATTR.containerImageName]: str(args[0]) }),
  },
  ping: { operation: 'system.ping' },
  version: { operation: 'system.version' },
  info: { operation: 'system.info' },
  getEvents: { operation: 'system.events' },
};

const ENTITY_CALLS: Readonly<Record<Entity, Readonly<Record<string, CallSpec>>>> = {
  container: {
    inspect: {
      operation: 'container.inspect',
      attributes: containerRef,
      expected: [404],
      onResult: inspected,
    },
    start: { operation: 'container.start', attributes: containerRef, expected: [304] },
    stop: { operation: 'container.stop', attributes: containerRef, expected: [304, 404] },
    restart: { operation: 'container.restart', attributes: containerRef },
    kill: { operation: 'container.kill', attributes: containerRef, expected: [404, 409] },
    remove: { operation: 'container.remove', attributes: containerRef, expected: [404, 409] },
    wait: {
      operation: 'container.wait',
      attributes: containerRef,
      onResult: (result, span) => {
        const code = (result as { StatusCode?: unknown } | undefined)?.StatusCode;
        if (typeof code === 'number') span.setAttribute(ATTR.processExitCode, code);
      },
    },
    logs: { operation: 'container.logs', attributes: containerRef },
    stats: { operation: 'container.stats', attributes: containerRef },
    exec: { operation: 'container.exec', attributes: containerRef, returns: 'exec' },
  },
  exec: {
    start: { operation: 'exec.start' },
    inspect: {
      operation: 'exec.inspect',
      onResult: (result, span) => {
        const code = (result as { ExitCode?: unknown } | undefined)?.ExitCode;
        if (typeof code === 'number') span.setAttribute(ATTR.processExitCode, code);
      },
    },
  },
  network: {
    inspect: {
      operation: 'network.inspect',
      attributes: (_args, id) => ({ [ATTR.dockerNetwork]: id }),
      expected: [404],
    },
    remove: {
      operation: 'network.remove',
      attributes: (_args, id) => ({ [ATTR.dockerNetwork]: id }),
      expected: [404],
    },
    connect: {
      operation: 'network.connect',
      attributes: (args, id) => ({
        [ATTR.dockerNetwork]: id,
        ...containerRef(args, str(arg(args).Container) ?? ''),
      }),
    },
    disconnect: {
      operation: 'network.disconnect',
      attributes: (_args, id) => ({ [ATTR.dockerNetwork]: id }),
    },
  },
  volume: {
    inspect: {
      operation: 'volume.inspect',
      attributes: (_args, id) => ({ [ATTR.dockerVolume]: id }),
      expected: [404],
    },
    remove: {
      operation: 'volume.remove',
      attributes: (_args, id) => ({ [ATTR.dockerVolume]: id }),
      expected: [404],
    },
  },
  image: {
    inspect: {
      operation: 'image.inspect',
      attributes: (_args, id) => ({ [ATTR.containerImageName]: id }),
      expected: [404],
    },
    remove: { operation: 'image.remove', attributes: (_args, id) => ({ [ATTR.containerImageName]: id }) },
  },
};

const ENTITY_GETTERS: Readonly<Record<string, Entity>> = {
  getContainer: 'container',
  getNetwork: 'network',
  getVolume: 'volume',
  getImage: 'image',
  getExec: 'exec',
};

/** The id (or name) an entity was asked for: dockerode keeps it as `id`, volumes and images as `name`. */
const entityId = (entity: object): string => {
  const { id, name } = entity as { id?: unknown; name?: unknown };
  return typeof id === 'string' ? id : typeof name === 'string' ? name : '';
};

function observed(
  observer: DockerCallObserver,
  target: object,
  method: AnyMethod,
  spec: CallSpec,
  wrap: (value: unknown, entity: Entity) => unknown,
): AnyMethod {
  return (...args: unknown[]) => {
    if (typeof args.at(-1) === 'function') return method.apply(target, args);
    return observer.observe(
      spec.operation,
      spec.attributes?.(args, entityId(target)) ?? {},
      async () => {
        const result: unknown = await method.apply(target, args);
        return spec.returns ? wrap(result, spec.returns) : result;
      },
      {
        ...(spec.expected ? { expected: (status: number) => spec.expected!.includes(status) } : {}),
        ...(spec.onResult ? { onResult: spec.onResult } : {}),
      },
    );
  };
}

function proxy<T extends object>(
  target: T,
  calls: Readonly<Record<string, CallSpec>>,
  observer: DockerCallObserver,
  getters: boolean,
): T {
  const cache = new Map<PropertyKey, AnyMethod>();
  const wrap = (value: unknown, entity: Entity): unknown =>
    value !== null && typeof value === 'object' ? proxy(value, ENTITY_CALLS[entity], observer, false) : value;
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function') return value;
      const cached = cache.get(key);
      if (cached) return cached;
      const method = value as AnyMethod;
      const spec = calls[key];
      const entity = getters ? ENTITY_GETTERS[key] : undefined;
      const wrapped: AnyMethod | undefined = spec
        ? observed(observer, object, method, spec, wrap)
        : entity
          ? (...args: unknown[]) => wrap(method.apply(object, args), entity)
          : undefined;
      if (!wrapped) return value;
      cache.set(key, wrapped);
      return wrapped;
    },
  });
}

/** A dockerode client whose API calls report to `observer`. */
export function instrumentDocker(docker: Docker, observer: DockerCallObserver): Docker {
  return proxy(docker, CLIENT_CALLS, observer, true);
}
