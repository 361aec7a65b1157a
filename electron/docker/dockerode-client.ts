import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { EngineConnection } from './docker-host';
import { engineAgent } from './engine-agent';
import { pathStatFrom } from './container-file-read';
import type {
  BuildOptions,
  ServiceInspect,
  ServiceSpec,
  SwarmFileInspect,
  SwarmFileSpec,
  SwarmNode,
  TaskInspect,
  ContainerCreateBody,
  ContainerInspect,
  DaemonInfo,
  DockerClient,
  EndpointSettings,
  ExecSession,
  Filters,
  ImageInspect,
  LogsOptions,
  NetworkCreateBody,
  ProgressEvent,
  VolumeCreateBody,
  VolumeInspect,
} from './docker-client';

/*
 * The one module that imports dockerode: the DockerClient port over the Engine API. dockerode
 * types many answers as `any`; the casts here are where those answers meet the port's types.
 */

export interface DockerodeClientOptions {
  /** Per-request timeout for calls that answer at once (not for streams, waits and stops). */
  requestTimeoutMs?: number;
  /** TCP engines: connecting and the TLS handshake (5 s by default). */
  connectTimeoutMs?: number;
  /** SSH engines: connecting, key exchange and login (10 s by default). */
  sshReadyTimeoutMs?: number;
}

/*
 * docker-modem fills every option it is not given from the process's DOCKER_HOST, DOCKER_CERT_PATH
 * and DOCKER_CLIENT_TIMEOUT: each is given here, undefined when unused, so the connection is the
 * one resolved (from `-H`, a context, the settings) and nothing else. TCP and SSH go through
 * agents of ours (engine-agent.ts): to docker-modem, SSH is plain HTTP over that agent.
 */
function modemOptions(connection: EngineConnection, options: DockerodeClientOptions): Docker.DockerOptions {
  const { tlsSkipVerify: _skip, ssh: _ssh, ...plain } = connection;
  const agent = engineAgent(connection, {
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    sshReadyTimeoutMs: options.sshReadyTimeoutMs ?? 10_000,
  });
  return {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    username: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
    ...plain,
    ...(connection.protocol === 'ssh' ? { protocol: 'http' as const, username: undefined } : {}),
    ...(agent ? { agent } : {}),
  };
}

// dockerode wants mutable filter arrays; the port hands read-only ones.
const filtersOf = (filters: Filters | undefined) =>
  filters
    ? (Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, [...v]])) as Record<string, string[]>)
    : undefined;

export function createDockerodeClient(
  connection: EngineConnection,
  options: DockerodeClientOptions = {},
): DockerClient {
  const base = modemOptions(connection, options);
  // Calls that answer at once get a timeout; streams, waits, stops and builds must not.
  const calls = new Docker({ ...base, timeout: options.requestTimeoutMs ?? 10_000 });
  const streams = new Docker(base);

  return {
    async ping() {
      await calls.ping();
    },
    version: () => calls.version(),
    info: () => calls.info() as Promise<DaemonInfo>,
    async events(filters) {
      const f = filtersOf(filters);
      return (await streams.getEvents(f ? { filters: f } : {})) as Readable;
    },

    listContainers: (query = {}) =>
      calls.listContainers({
        all: query.all ?? false,
        ...(query.filters ? { filters: filtersOf(query.filters) } : {}),
      }),
    async createContainer(name: string, body: ContainerCreateBody, create = {}) {
      // dockerode puts every option in the query string unless `_query` and `_body` say what goes where.
      const request = {
        _query: { name, ...create },
        _body: body,
      } as unknown as Docker.ContainerCreateOptions;
      const created = await calls.createContainer(request);
      return { id: created.id };
    },
    inspectContainer: (id) => calls.getContainer(id).inspect() as Promise<ContainerInspect>,
    async startContainer(id) {
      await calls.getContainer(id).start();
    },
    async stopContainer(id, timeoutSeconds) {
      await streams.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
    },
    async restartContainer(id, timeoutSeconds) {
      await streams.getContainer(id).restart(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
    },
    async killContainer(id, signal) {
      await calls.getContainer(id).kill(signal ? { signal } : {});
    },
    async removeContainer(id, removal = {}) {
      await calls.getContainer(id).remove({ force: removal.force ?? false, v: removal.volumes ?? false });
    },
    waitContainer: (id) => streams.getContainer(id).wait() as Promise<{ StatusCode: number }>,
    async containerLogs(id, logs: LogsOptions) {
      return await calls.getContainer(id).logs({ ...logs, follow: false });
    },
    async followContainerLogs(id, logs: LogsOptions) {
      return (await streams.getContainer(id).logs({ ...logs, follow: true })) as unknown as Readable;
    },
    async containerStats(id) {
      return (await streams.getContainer(id).stats({ stream: true })) as unknown as Readable;
    },
    async exec(id, command): Promise<ExecSession> {
      const exec = await calls.getContainer(id).exec({ ...command, AttachStdout: true, AttachStderr: true });
      const output = await exec.start({ hijack: true, stdin: false });
      return {
        output,
        inspect: async () => {
          const state = (await exec.inspect()) as { ExitCode: number | null; Running?: boolean };
          return {
            ExitCode: state.ExitCode,
            ...(state.Running !== undefined ? { Running: state.Running } : {}),
          };
        },
      };
    },
    async putArchive(id, path, tar, put = {}) {
      await calls
        .getContainer(id)
        .putArchive(tar, { path, ...(put.copyOwnership ? { copyUIDGID: true } : {}) });
    },
    async getArchive(id, path) {
      return (await streams.getContainer(id).getArchive({ path })) as unknown as Readable;
    },
    async statPath(id, path) {
      // A HEAD answers at once (headers only): under the calls' timeout.
      const response = (await calls.getContainer(id).infoArchive({ path })) as unknown as IncomingMessage;
      response.resume();
      return pathStatFrom(response.headers['x-docker-container-path-stat']);
    },

    listNetworks: (query = {}) =>
      calls.listNetworks(query.filters ? { filters: filtersOf(query.filters) } : {}),
    async createNetwork(body: NetworkCreateBody) {
      const created = await calls.createNetwork(body);
      return { id: created.id };
    },
    inspectNetwork: (id) => calls.getNetwork(id).inspect(),
    async removeNetwork(id) {
      await calls.getNetwork(id).remove();
    },
    async connectNetwork(network, container, endpoint?: EndpointSettings) {
      await calls.getNetwork(network).connect({
        Container: container,
        ...(endpoint ? { EndpointConfig: endpoint as Docker.EndpointSettings } : {}),
      });
    },

    async listVolumes(query = {}) {
      const answer = (await calls.listVolumes(
        query.filters ? { filters: filtersOf(query.filters) } : {},
      )) as {
        Volumes?: VolumeInspect[] | null;
      };
      return answer.Volumes ?? [];
    },
    createVolume: (body: VolumeCreateBody) =>
      calls.createVolume(body as Docker.VolumeCreateOptions) as unknown as Promise<VolumeInspect>,
    inspectVolume: (name) => calls.getVolume(name).inspect(),
    async removeVolume(name) {
      await calls.getVolume(name).remove();
    },
    async volumeSizes() {
      const df = (await streams.df()) as {
        Volumes?: Array<{ Name: string; UsageData?: { Size?: number } | null }>;
      };
      return Object.fromEntries((df.Volumes ?? []).map((v) => [v.Name, v.UsageData?.Size ?? -1]));
    },

    listImages: () => calls.listImages(),
    inspectImage: (reference) => calls.getImage(reference).inspect() as Promise<ImageInspect>,
    async buildImage(context, build: BuildOptions) {
      // dockerode sends an array `cachefrom` as the JSON list the engine wants (its types say string).
      return (await streams.buildImage(
        context,
        build as unknown as Docker.ImageBuildOptions,
      )) as unknown as Readable;
    },
    async pullImage(reference, pull = {}) {
      return (await streams.pull(
        reference,
        pull.platform ? { platform: pull.platform } : {},
      )) as unknown as Readable;
    },
    listServices: (query = {}) =>
      calls.listServices(query.filters ? { filters: filtersOf(query.filters) } : {}) as unknown as Promise<
        ServiceInspect[]
      >,
    async createService(spec: ServiceSpec) {
      const created = (await calls.createService(
        spec as unknown as Docker.CreateServiceOptions,
      )) as unknown as {
        id?: string;
        ID?: string;
      };
      return { id: created.id ?? created.ID ?? '' };
    },
    inspectService: (id) => calls.getService(id).inspect() as Promise<ServiceInspect>,
    async updateService(id, version, spec) {
      // `_query`/`_body`: the version goes in the query, the spec in the body (not both in both).
      await calls.getService(id).update({ _query: { version }, _body: spec });
    },
    async removeService(id) {
      await calls.getService(id).remove();
    },
    async serviceLogs(id, logs) {
      return (await streams
        .getService(id)
        .logs({ ...logs, follow: logs.follow ?? false })) as unknown as Readable;
    },
    listTasks: (query = {}) =>
      calls.listTasks(query.filters ? { filters: filtersOf(query.filters) } : {}) as Promise<TaskInspect[]>,
    listNodes: () => calls.listNodes() as Promise<SwarmNode[]>,
    listSecrets: (query = {}) =>
      calls.listSecrets(query.filters ? { filters: filtersOf(query.filters) } : {}) as unknown as Promise<
        SwarmFileInspect[]
      >,
    async createSecret(spec: SwarmFileSpec) {
      const created = (await calls.createSecret(spec)) as { id?: string; ID?: string };
      return { id: created.id ?? created.ID ?? '' };
    },
    async removeSecret(id) {
      await calls.getSecret(id).remove();
    },
    listConfigs: (query = {}) =>
      calls.listConfigs(query.filters ? { filters: filtersOf(query.filters) } : {}) as unknown as Promise<
        SwarmFileInspect[]
      >,
    async createConfig(spec: SwarmFileSpec) {
      const created = (await calls.createConfig(spec)) as { id?: string; ID?: string };
      return { id: created.id ?? created.ID ?? '' };
    },
    async removeConfig(id) {
      await calls.getConfig(id).remove();
    },

    followProgress(stream, onEvent) {
      return new Promise<ProgressEvent[]>((resolve, reject) => {
        (streams.modem as { followProgress: FollowProgress }).followProgress(
          stream,
          (error, output) => (error ? reject(error) : resolve(output ?? [])),
          onEvent,
        );
      });
    },
  };
}

type FollowProgress = (
  stream: Readable,
  onFinished: (error: Error | null, output: ProgressEvent[] | null) => void,
  onProgress: (event: ProgressEvent) => void,
) => void;
