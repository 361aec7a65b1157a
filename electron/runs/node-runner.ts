import path from 'node:path';
import type {
  ContainerNode,
  JobNode,
  NetworkNode,
  ServiceNode,
  Topology,
  VolumeNode,
} from '../../shared/topology';
import { resolvePlaceholders } from '../../shared/compose/env-placeholders';
import { ApiError } from '../../shared/ipc/errors';
import type { JobOutputs } from '../../shared/ipc/contract';
import type { EnsureAction, Ensured } from '../docker/converge';
import type { DockerResources } from '../docker/docker-resources';
import { LABELS, resourceName } from '../docker/labels';
import { TaskError, type ErrorKind } from '../executor';
import { filesArchive, planContainerFiles } from './container-files';
import { containerPlan, type ResourceNames } from './container-options';
import { DEADLINES, withDeadline } from './deadlines';
import { readEnvFiles } from './env-files';
import type { PullRecord } from './pull-record';
import { containerName } from './resource-names';
import { collectOutputs, outputVariable, resetOutputs, writesOutputs } from './job-output-io';
import type { RunWatch } from './run-watch';

export interface NodeRunnerContext {
  readonly project: string;
  readonly runId: string;
  readonly topology: Topology;
  readonly names: ResourceNames;
  readonly resources: DockerResources;
  /** Plan wave per node id, stored on resources so cleanup can go in reverse without the file. */
  readonly waveOf: (nodeId: string) => number;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The topology file's folder: relative build contexts, bind sources, env and secret files resolve against it. */
  readonly baseDir?: string;
  /** When images were last pulled, for `pullPolicy: daily` and `weekly`. */
  readonly pulls?: PullRecord;
  /** How each node finished in this run so far (`restart: true` dependents follow a recreated dependency). */
  readonly actionOf?: (nodeId: string) => NodeOutcome['action'] | undefined;
  readonly log: (nodeId: string, stream: 'stdout' | 'stderr' | 'system', text: string) => void;
  /** Per-run variables for a node's new containers (TRACEPARENT, OTEL_*), kept out of the config hash. */
  readonly runtimeEnv?: (nodeId: string) => Readonly<Record<string, string>>;
  /** Containers made for each node in this run (made once: ahead of the start, or by it). */
  readonly made?: Map<string, Promise<MadeContainers>>;
  /** Follows started containers' output and resource use (and a Swarm's service logs and tasks). */
  readonly watch?: Pick<RunWatch, 'follow' | 'followStream' | 'onClose'>;
  /** Jobs that run again even when unchanged and already done (a scheduled tick). */
  readonly rerun?: ReadonlySet<string>;
  /**
   * Variables a node's containers get from the run (its job dependencies' outputs, a handler's
   * run status): part of their configuration, so a change recreates them.
   */
  readonly runVars?: (nodeId: string) => Readonly<Record<string, string>>;
}

export interface NodeOutcome {
  /** `updated`: a Swarm service updated in place (a rolling update). */
  action: EnsureAction | 'updated';
  containerIds: string[];
  detail?: string;
  /** A Swarm service's tasks when the node's task ended. */
  tasks?: { running: number; desired: number };
  /** A job's outputs (`$DOCKWRIGHT_OUTPUT`). */
  outputs?: JobOutputs;
}

const labels = (
  context: NodeRunnerContext,
  nodeId: string,
  kind: string,
  replica?: number,
  own: Readonly<Record<string, string>> = {},
) => ({
  // The node's own labels, then Dockwright's (which cleanup and recovery rely on, so they win).
  ...own,
  [LABELS.project]: context.project,
  [LABELS.node]: nodeId,
  [LABELS.run]: context.runId,
  [LABELS.kind]: kind,
  [LABELS.wave]: String(context.waveOf(nodeId)),
  ...(replica !== undefined ? { [LABELS.replica]: String(replica) } : {}),
});

/** Engine failures worth retrying (the engine is away) versus mistakes that stay mistakes. */
export function classify(error: unknown): TaskError {
  if (error instanceof TaskError) return error;
  if (error instanceof ApiError) {
    if (error.code === 'CANCELLED') return new TaskError('cancelled', error.message);
    if (error.code === 'ENGINE_UNAVAILABLE') return new TaskError('retryable', error.message);
    const port =
      /(?:Bind for|listen tcp[^:]*)[^:]*:(\d+)(?: failed: port is already allocated|: bind: address already in use)/.exec(
        error.message,
      );
    if (port) return new TaskError('fatal', `host port ${port[1]} is already in use`);
    return new TaskError('fatal', error.message);
  }
  return new TaskError('fatal', (error as Error)?.message ?? String(error));
}

const PULL_AGE_MS = { daily: 24 * 3600_000, weekly: 7 * 24 * 3600_000 } as const;

/** Whether Compose's pull policy asks for a pull now, the image being `present` or not. */
function wantsPull(
  node: ContainerNode,
  present: boolean,
  image: string,
  context: NodeRunnerContext,
): boolean {
  switch (node.pullPolicy) {
    case 'always':
      return true;
    case 'never':
    case 'build':
      return false;
    case 'daily':
    case 'weekly': {
      if (!present) return true;
      const last = context.pulls?.lastPulled(image);
      return last === undefined || Date.now() - last >= PULL_AGE_MS[node.pullPolicy];
    }
    default:
      return !present;
  }
}

/**
 * Makes sure the node's image is on the engine: an existing image is used; a node with a build
 * context is built (Compose's rule: when the image is missing, or always with `pullPolicy: build`);
 * otherwise it is pulled as the pull policy says. Builds and pulls have deadlines. Returns the
 * image reference to run.
 */
async function ensureImage(context: NodeRunnerContext, nodeId: string, node: ContainerNode): Promise<string> {
  const image = node.image ?? (node.build ? `${resourceName(context.project, nodeId)}:latest` : undefined);
  if (!image) throw new TaskError('fatal', 'no image or build context set');
  const log = (text: string) => context.log(nodeId, 'system', text);
  const present = await context.resources.images.exists(image);
  if (node.build && (!present || node.pullPolicy === 'build')) {
    const contextDir = path.resolve(context.baseDir ?? '.', node.build.context);
    log(`building ${image} from ${contextDir}`);
    const buildArgs = Object.fromEntries(
      Object.entries(node.build.args ?? {}).flatMap(([key, value]) => {
        const resolved = value === null ? context.env[key] : resolvePlaceholders(value, context.env).value;
        return resolved === undefined ? [] : [[key, resolved]];
      }),
    );
    try {
      await withDeadline(DEADLINES.buildMs, `the build of ${image}`, (signal) =>
        context.resources.images.build(
          contextDir,
          {
            tag: image,
            ...(node.build!.dockerfile ? { dockerfile: node.build!.dockerfile } : {}),
            ...(node.build!.target ? { target: node.build!.target } : {}),
            ...(Object.keys(buildArgs).length > 0 ? { buildArgs } : {}),
            ...(node.build!.labels ? { labels: node.build!.labels } : {}),
            ...(node.build!.cacheFrom?.length ? { cacheFrom: node.build!.cacheFrom } : {}),
            ...(node.build!.network ? { network: node.build!.network } : {}),
            ...(node.platform ? { platform: node.platform } : {}),
          },
          log,
          signal,
        ),
      );
    } catch (error) {
      if (error instanceof TaskError && error.kind === 'timeout') throw error;
      throw new TaskError('fatal', `build of ${image} failed: ${(error as Error).message}`);
    }
    return image;
  }
  if (!wantsPull(node, present, image, context)) {
    if (present) return image;
    throw new TaskError('fatal', `image ${image} not found locally; build or pull it`);
  }
  try {
    log(`pulling ${image}`);
    await withDeadline(DEADLINES.pullMs, `the pull of ${image}`, (signal) =>
      context.resources.images.pull(image, log, {
        signal,
        ...(node.platform ? { platform: node.platform } : {}),
      }),
    );
    await context.pulls?.pulled(image);
    return image;
  } catch (error) {
    if (present) {
      log(`pull of ${image} failed (${(error as Error).message}); using the local image`);
      return image;
    }
    throw new TaskError(
      'fatal',
      `image ${image} not found locally; build or pull it (pull failed: ${(error as Error).message})`,
    );
  }
}

export async function ensureNetworkNode(
  context: NodeRunnerContext,
  nodeId: string,
  node: NetworkNode,
): Promise<NodeOutcome> {
  if (node.external) {
    await context.resources.converge.requireNetwork(context.names.network(nodeId));
    return { action: 'reused', containerIds: [], detail: 'external' };
  }
  const ensured = await context.resources.converge.ensureNetwork(
    context.names.network(nodeId),
    {
      Driver: node.driver ?? 'bridge',
      Internal: node.internal ?? false,
      Attachable: node.attachable ?? false,
      EnableIPv6: node.enableIpv6 ?? false,
      ...(node.driverOpts ? { Options: node.driverOpts } : {}),
      ...(node.labels ? { Labels: node.labels } : {}),
      ...(node.subnets?.length
        ? {
            IPAM: {
              Driver: 'default',
              Config: node.subnets.map((s) => ({
                Subnet: s.subnet,
                ...(s.gateway ? { Gateway: s.gateway } : {}),
                ...(s.ipRange ? { IPRange: s.ipRange } : {}),
              })),
            },
          }
        : {}),
    },
    labels(context, nodeId, 'network', undefined, node.labels),
  );
  return { action: ensured.action, containerIds: [] };
}

/** The project's default network, for containers that name none (as Compose does). */
export async function ensureDefaultNetwork(context: NodeRunnerContext): Promise<Ensured> {
  // No node of its own: node label empty, wave 0 (removed last, with the other networks).
  return context.resources.converge.ensureNetwork(
    context.names.defaultNetwork,
    { Driver: 'bridge' },
    labels(context, '', 'network'),
  );
}

export async function ensureVolumeNode(
  context: NodeRunnerContext,
  nodeId: string,
  node: VolumeNode,
): Promise<NodeOutcome> {
  if (node.external) {
    await context.resources.converge.requireVolume(context.names.volume(nodeId));
    return { action: 'reused', containerIds: [], detail: 'external' };
  }
  const ensured = await context.resources.converge.ensureVolume(
    context.names.volume(nodeId),
    { Driver: node.driver ?? 'local', ...(node.driverOpts ? { DriverOpts: node.driverOpts } : {}) },
    labels(context, nodeId, 'volume', undefined, node.labels),
  );
  if (ensured.warning) context.log(nodeId, 'system', ensured.warning);
  return {
    action: ensured.action,
    containerIds: [],
    ...(ensured.warning ? { detail: ensured.warning } : {}),
  };
}

async function ensureContainers(
  context: NodeRunnerContext,
  nodeId: string,
  node: ContainerNode,
  replicas: number,
): Promise<{ ensured: Ensured[]; stopTimeoutSeconds: number }> {
  const image = await ensureImage(context, nodeId, node);
  let files: ReturnType<typeof planContainerFiles>;
  let envFileVars: Record<string, string>;
  try {
    files = planContainerFiles(node, context.topology, context.baseDir, context.env);
    envFileVars = readEnvFiles(node.envFiles ?? [], context.baseDir);
  } catch (error) {
    throw new TaskError('fatal', (error as Error).message);
  }
  const plan = containerPlan(node, {
    topology: context.topology,
    nodeId,
    names: context.names,
    env: context.env,
    envFileVars,
    files,
    ...(context.baseDir ? { baseDir: context.baseDir } : {}),
    runVars: { ...outputVariable(node), ...context.runVars?.(nodeId) },
  });
  const archive = files.copies.length > 0 ? await filesArchive(files.copies) : undefined;
  const owned = files.copies.some((copy) => copy.uid !== 0 || copy.gid !== 0);
  const ensured = await Promise.all(
    Array.from({ length: replicas }, async (_, index) => {
      const replica = replicas > 1 ? index + 1 : undefined;
      const name = containerName(context.project, context.topology, nodeId, index);
      const result = await context.resources.converge.ensureContainer(
        name,
        { ...plan.options, Image: image },
        {
          ...labels(context, nodeId, node.kind, replica, plan.labels),
          ...(files.digest ? { [LABELS.files]: files.digest } : {}),
        },
        {
          stopTimeoutSeconds: plan.stopTimeoutSeconds,
          ...(context.runtimeEnv ? { runtimeEnv: context.runtimeEnv(nodeId) } : {}),
          ...(plan.platform ? { platform: plan.platform } : {}),
          // Secrets and configs that are not bind mounts, and a job's empty output file, are in
          // place before the container starts (made ahead: off the path of the job's start).
          ...(archive || writesOutputs(node)
            ? {
                prepare: async (id: string) => {
                  if (archive) await context.resources.containers.copyIn(id, archive, owned);
                  if (writesOutputs(node)) await resetOutputs(context.resources.containers, id);
                },
              }
            : {}),
        },
      );
      if (result.action !== 'reused') {
        for (const network of plan.extraNetworks)
          await context.resources.containers.connect(result.id, network.name, network.endpoint);
      }
      return result;
    }),
  );
  return { ensured, stopTimeoutSeconds: plan.stopTimeoutSeconds };
}

export interface MadeContainers {
  readonly ensured: Ensured[];
  readonly stopTimeoutSeconds: number;
}

/**
 * The node's containers, made once per run: the image ensured, the containers created (or reused)
 * and their files copied in. Called ahead of the start, while dependencies are still starting, and
 * again by the start or a job's attempts, which then get what was made.
 */
export function makeContainers(
  context: NodeRunnerContext,
  nodeId: string,
  node: ContainerNode,
): Promise<MadeContainers> {
  const memo = context.made;
  const existing = memo?.get(nodeId);
  if (existing) return existing;
  const replicas = node.kind === 'service' ? Math.max(1, node.replicas ?? 1) : 1;
  const making = ensureContainers(context, nodeId, node, replicas);
  memo?.set(nodeId, making);
  // A failed attempt (the engine away a moment) is not remembered: the retry makes them again.
  making.catch(() => memo?.delete(nodeId));
  return making;
}

/**
 * Compose's `depends_on: {restart: true}`: a dependent whose dependency this run recreated is
 * restarted too (it may hold connections to the old container). Returns the dependencies.
 */
function recreatedDependencies(context: NodeRunnerContext, node: ContainerNode): string[] {
  return (node.dependsOn ?? [])
    .filter((dep) => dep.restart === true && context.actionOf?.(dep.node) === 'recreated')
    .map((dep) => dep.node);
}

export const overallAction = (ensured: readonly Ensured[]): EnsureAction =>
  ensured.some((e) => e.action === 'recreated')
    ? 'recreated'
    : ensured.some((e) => e.action === 'created')
      ? 'created'
      : 'reused';

/** Creates (or reuses) and starts a service's containers; replicas too. */
export async function startService(
  context: NodeRunnerContext,
  nodeId: string,
  node: ServiceNode,
): Promise<NodeOutcome> {
  const { ensured, stopTimeoutSeconds } = await makeContainers(context, nodeId, node);
  const watch = context.watch;
  const restartFor = recreatedDependencies(context, node);
  await Promise.all(
    ensured.map(async (e) => {
      if (e.action === 'reused' && restartFor.length > 0) {
        context.log(nodeId, 'system', `restarting ${e.name}: ${restartFor.join(', ')} was recreated`);
        await context.resources.containers.stop(e.id, stopTimeoutSeconds);
      } else if (e.action === 'reused' && context.rerun?.has(nodeId)) {
        // A rerun starts a service it reruns afresh.
        context.log(nodeId, 'system', `restarting ${e.name}: rerun`);
        await context.resources.containers.stop(e.id, stopTimeoutSeconds);
      }
      // A reused container may have run before: its output from then is not this run's.
      const before =
        watch && e.action === 'reused' ? await context.resources.containers.exitState(e.id) : undefined;
      const started = await context.resources.containers.start(e.id);
      // Followed from its start when this run started it; from its recent lines when it already ran.
      await watch?.follow(nodeId, e.id, {
        tty: node.tty ?? false,
        stats: true,
        ...(!started ? { tail: 200 } : before?.finishedAt ? { since: before.finishedAt } : {}),
      });
    }),
  );
  return { action: overallAction(ensured), containerIds: ensured.map((e) => e.id) };
}

export async function waitServiceHealthy(
  context: NodeRunnerContext,
  containerIds: readonly string[],
  signal: AbortSignal,
): Promise<void> {
  await Promise.all(containerIds.map((id) => context.resources.waits.healthy(id, signal)));
}

/**
 * One attempt of a job: run its container to completion. An unchanged job that already
 * completed successfully is not run again (so `up` twice does not repeat finished work).
 */
export async function runJobAttempt(
  context: NodeRunnerContext,
  nodeId: string,
  node: JobNode,
  signal: AbortSignal,
  attempt: number,
): Promise<NodeOutcome> {
  const { ensured } = await makeContainers(context, nodeId, node);
  const container = ensured[0]!;
  const successCodes = node.successExitCodes ?? [0];
  if (attempt === 1 && container.action === 'reused' && !context.rerun?.has(nodeId)) {
    const previous = await context.resources.containers.exitState(container.id);
    if (previous && !previous.running && previous.finished && successCodes.includes(previous.exitCode)) {
      // Its outputs are what it wrote then, still in its container.
      const outputs = writesOutputs(node)
        ? await collectOutputs(context.resources.containers, nodeId, container.id)
        : undefined;
      return {
        action: 'reused',
        containerIds: [container.id],
        detail: 'completed earlier with the same configuration',
        ...(outputs ? { outputs } : {}),
      };
    }
  }
  if (signal.aborted) throw new TaskError('cancelled', 'cancelled before it started');
  // An earlier attempt that timed out may still be dying: a new attempt starts from a stopped container.
  let before = await context.resources.containers.exitState(container.id);
  if (before?.running) {
    const stopNow = new AbortController();
    stopNow.abort();
    await context.resources.waits.exit(container.id, stopNow.signal);
    before = await context.resources.containers.exitState(container.id);
  }
  // A container created for this run got its empty output file when it was made; a reused one,
  // or a later attempt, starts from an empty one again.
  const prepared = attempt === 1 && container.action !== 'reused';
  if (writesOutputs(node) && !prepared) await resetOutputs(context.resources.containers, container.id);
  await context.resources.containers.start(container.id);
  // Only this attempt's output: what the container wrote after its previous run ended.
  const followed = await context.watch?.follow(nodeId, container.id, {
    tty: node.tty ?? false,
    stats: false,
    ...(before?.finishedAt ? { since: before.finishedAt } : {}),
  });
  const result = await context.resources.waits.exit(container.id, signal);
  // The output is read to its end before the attempt is judged, so a job's lines precede its verdict.
  if (followed) await followed.finished();
  else
    await context.resources.containers.forwardLogs(container.id, (stream, text) =>
      context.log(nodeId, stream, text),
    );
  if (signal.aborted) {
    const reason = signal.reason as { kind?: ErrorKind; message?: string } | undefined;
    throw new TaskError(reason?.kind ?? 'cancelled', reason?.message ?? 'stopped');
  }
  if (result.oomKilled)
    throw new TaskError('retryable', `killed: out of memory (exit code ${result.exitCode})`);
  if (!successCodes.includes(result.exitCode))
    throw new TaskError('retryable', `exited with code ${result.exitCode}`);
  if (!writesOutputs(node)) return { action: container.action, containerIds: [container.id] };
  const outputs = await collectOutputs(context.resources.containers, nodeId, container.id);
  return { action: container.action, containerIds: [container.id], outputs };
}
