import type { Attributes, Span } from '@opentelemetry/api';
import type { ContainerInspect, DockerClient } from '../docker/docker-client';
import type { DockerCallObserver, ObserveOptions } from './docker-calls';
import { ATTR, type DockerOperation } from './names';

/*
 * A DockerClient whose every API call is observed (latency, errors, a span inside traced work)
 * without the code that calls Docker knowing: the composition root wraps the engine's client with
 * it. Each port method names its operation, which keeps the `operation` label a closed set.
 */

const HEX_ID = /^[0-9a-f]{12,64}$/;

const defined = (attributes: Record<string, string | number | undefined>): Attributes =>
  Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));

const containerRef = (id: string): Attributes =>
  HEX_ID.test(id) ? { [ATTR.containerId]: id } : { [ATTR.containerName]: id.replace(/^\//, '') };

const inspected = (info: ContainerInspect, span: Span) => {
  span.setAttributes(
    defined({
      [ATTR.containerId]: info.Id,
      [ATTR.containerName]: info.Name?.replace(/^\//, ''),
      [ATTR.containerImageName]: info.Config?.Image,
    }),
  );
};

const only =
  (...statuses: number[]) =>
  (status: number) =>
    statuses.includes(status);

export function observeDockerCalls(client: DockerClient, observer: DockerCallObserver): DockerClient {
  const observe = <T>(
    operation: DockerOperation,
    attributes: Attributes,
    call: () => Promise<T>,
    options?: ObserveOptions<T>,
  ): Promise<T> => observer.observe(operation, attributes, call, options);

  return {
    ping: () => observe('system.ping', {}, () => client.ping()),
    version: () => observe('system.version', {}, () => client.version()),
    info: () => observe('system.info', {}, () => client.info()),
    events: (filters) => observe('system.events', {}, () => client.events(filters)),

    listContainers: (options) => observe('container.list', {}, () => client.listContainers(options)),
    createContainer: (name, body, options) =>
      observe(
        'container.create',
        defined({ [ATTR.containerName]: name, [ATTR.containerImageName]: body.Image }),
        () => client.createContainer(name, body, options),
        { expected: only(409), onResult: (result, span) => span.setAttribute(ATTR.containerId, result.id) },
      ),
    inspectContainer: (id) =>
      observe('container.inspect', containerRef(id), () => client.inspectContainer(id), {
        expected: only(404),
        onResult: inspected,
      }),
    startContainer: (id) =>
      observe('container.start', containerRef(id), () => client.startContainer(id), { expected: only(304) }),
    stopContainer: (id, timeout) =>
      observe('container.stop', containerRef(id), () => client.stopContainer(id, timeout), {
        expected: only(304, 404),
      }),
    restartContainer: (id, timeout) =>
      observe('container.restart', containerRef(id), () => client.restartContainer(id, timeout)),
    killContainer: (id, signal) =>
      observe('container.kill', containerRef(id), () => client.killContainer(id, signal), {
        expected: only(404, 409),
      }),
    removeContainer: (id, options) =>
      observe('container.remove', containerRef(id), () => client.removeContainer(id, options), {
        expected: only(404, 409),
      }),
    waitContainer: (id) =>
      observe('container.wait', containerRef(id), () => client.waitContainer(id), {
        onResult: (result, span) => span.setAttribute(ATTR.processExitCode, result.StatusCode),
      }),
    containerLogs: (id, options) =>
      observe('container.logs', containerRef(id), () => client.containerLogs(id, options)),
    followContainerLogs: (id, options) =>
      observe('container.logs', containerRef(id), () => client.followContainerLogs(id, options)),
    containerStats: (id) => observe('container.stats', containerRef(id), () => client.containerStats(id)),
    exec: async (id, command) => {
      const session = await observe('container.exec', containerRef(id), () => client.exec(id, command));
      return {
        output: session.output,
        inspect: () =>
          observe('exec.inspect', {}, () => session.inspect(), {
            onResult: (result, span) => {
              if (typeof result.ExitCode === 'number')
                span.setAttribute(ATTR.processExitCode, result.ExitCode);
            },
          }),
      };
    },
    putArchive: (id, path, tar, options) =>
      observe('container.archive.put', containerRef(id), () => client.putArchive(id, path, tar, options)),
    getArchive: (id, path) =>
      observe('container.archive.get', containerRef(id), () => client.getArchive(id, path)),
    statPath: (id, path) =>
      observe('container.archive.stat', containerRef(id), () => client.statPath(id, path), {
        expected: only(404),
      }),

    listNetworks: (options) => observe('network.list', {}, () => client.listNetworks(options)),
    createNetwork: (body) =>
      observe('network.create', { [ATTR.dockerNetwork]: body.Name }, () => client.createNetwork(body), {
        expected: only(409),
      }),
    inspectNetwork: (id) =>
      observe('network.inspect', { [ATTR.dockerNetwork]: id }, () => client.inspectNetwork(id), {
        expected: only(404),
      }),
    removeNetwork: (id) =>
      observe('network.remove', { [ATTR.dockerNetwork]: id }, () => client.removeNetwork(id), {
        expected: only(404),
      }),
    connectNetwork: (network, container, endpoint) =>
      observe('network.connect', { [ATTR.dockerNetwork]: network, ...containerRef(container) }, () =>
        client.connectNetwork(network, container, endpoint),
      ),

    listVolumes: (options) => observe('volume.list', {}, () => client.listVolumes(options)),
    createVolume: (body) =>
      observe('volume.create', { [ATTR.dockerVolume]: body.Name }, () => client.createVolume(body)),
    inspectVolume: (name) =>
      observe('volume.inspect', { [ATTR.dockerVolume]: name }, () => client.inspectVolume(name), {
        expected: only(404),
      }),
    removeVolume: (name) =>
      observe('volume.remove', { [ATTR.dockerVolume]: name }, () => client.removeVolume(name), {
        expected: only(404),
      }),
    volumeSizes: () => observe('system.df', {}, () => client.volumeSizes()),

    listImages: () => observe('image.list', {}, () => client.listImages()),
    inspectImage: (reference) =>
      observe(
        'image.inspect',
        { [ATTR.containerImageName]: reference },
        () => client.inspectImage(reference),
        {
          expected: only(404),
        },
      ),
    buildImage: (context, options) =>
      observe('image.build', { [ATTR.containerImageName]: options.t }, () =>
        client.buildImage(context, options),
      ),
    pullImage: (reference, options) =>
      observe('image.pull', { [ATTR.containerImageName]: reference }, () =>
        client.pullImage(reference, options),
      ),
    listServices: (options) => observe('service.list', {}, () => client.listServices(options)),
    createService: (spec) =>
      observe('service.create', { [ATTR.serviceName]: spec.Name }, () => client.createService(spec)),
    inspectService: (id) =>
      observe('service.inspect', {}, () => client.inspectService(id), { expected: only(404) }),
    updateService: (id, version, spec) =>
      observe('service.update', { [ATTR.serviceName]: spec.Name }, () =>
        client.updateService(id, version, spec),
      ),
    removeService: (id) =>
      observe('service.remove', {}, () => client.removeService(id), { expected: only(404) }),
    serviceLogs: (id, options) => observe('service.logs', {}, () => client.serviceLogs(id, options)),
    listTasks: (options) => observe('task.list', {}, () => client.listTasks(options)),
    listNodes: () => observe('node.list', {}, () => client.listNodes()),
    listSecrets: (options) => observe('secret.list', {}, () => client.listSecrets(options)),
    createSecret: (spec) => observe('secret.create', {}, () => client.createSecret(spec)),
    removeSecret: (id) =>
      observe('secret.remove', {}, () => client.removeSecret(id), { expected: only(404) }),
    listConfigs: (options) => observe('config.list', {}, () => client.listConfigs(options)),
    createConfig: (spec) => observe('config.create', {}, () => client.createConfig(spec)),
    removeConfig: (id) =>
      observe('config.remove', {}, () => client.removeConfig(id), { expected: only(404) }),
    // Reading a progress stream is not an API call: the build or pull that opened it was measured.
    followProgress: (stream, onEvent) => client.followProgress(stream, onEvent),
  };
}
