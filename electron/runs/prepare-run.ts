import { ApiError } from '../../shared/ipc/errors';
import {
  hasErrors,
  plan,
  selectProfiles,
  unsupportedFields,
  validate,
  type DeploymentPlan,
  type EngineCapabilities,
  type Problem,
  type ProblemCode,
  type Topology,
} from '../../shared/topology';
import { createBindSources, preflight } from './preflight';
import { registerRunSecrets } from './run-secrets';

export interface PreparedRun {
  /** The nodes that run under the active profiles. */
  readonly topology: Topology;
  readonly plan: DeploymentPlan;
  /** Nodes left out by the profiles. */
  readonly excluded: readonly string[];
  /** Told in the run's log (a bind source folder created, an optional dependency absent). */
  readonly warnings: readonly Problem[];
}

/** What another target (the Swarm) checks instead of this engine. */
export interface TargetChecks {
  /** Fields the target cannot apply; by default this engine's. */
  readonly unsupported?: (topology: Topology) => Problem[];
  /** Validation codes that do not hold there (a Swarm's replicas share one published port). */
  readonly notApplicable?: readonly ProblemCode[];
}

export interface PrepareInput {
  readonly topology: Topology;
  readonly profiles?: readonly string[];
  readonly baseDir?: string;
  /** Build contexts may lie outside the topology's folder (`up --allow-outside-context`). */
  readonly allowOutsideContext?: boolean;
  /** The remote engine (its address) whose host the bind sources are on; undefined for a local one. */
  readonly remoteEngine?: string;
}

/**
 * Everything checked before a run creates anything: the profiles' selection, validation, fields
 * this engine cannot apply, and the files the topology names on this machine. Errors refuse the
 * run (INVALID_INPUT with the problems); then missing bind source folders are created.
 */
export function prepareRun(
  input: PrepareInput,
  engine: EngineCapabilities | undefined,
  env: Readonly<Record<string, string | undefined>>,
  target: TargetChecks = {},
): PreparedRun {
  const unsupported = target.unsupported ?? ((t: Topology) => (engine ? unsupportedFields(t, engine) : []));
  const applies = (p: Problem) => !target.notApplicable?.includes(p.code);
  const selection = selectProfiles(input.topology, input.profiles ?? []);
  const topology = selection.topology;
  // Before anything could log or trace them: the run's secrets are masked from here on.
  registerRunSecrets(topology, env, input.baseDir);
  const checked = preflight(topology, input.baseDir, env, input);
  const problems = [
    ...selection.problems,
    ...validate(topology).filter(applies),
    ...unsupported(topology),
    ...checked.problems,
  ];
  if (hasErrors(problems)) {
    const errors = problems.filter((p) => p.severity === 'error');
    throw new ApiError(
      'INVALID_INPUT',
      `the topology has errors; fix them before running it: ${errors
        .slice(0, 3)
        .map((p) => p.message)
        .join(' ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`,
      { problems: errors.slice(0, 20) },
    );
  }
  const planned = plan(topology);
  if (!planned.ok)
    throw new ApiError('INVALID_INPUT', 'the topology cannot be planned', { problems: planned.problems });
  createBindSources(checked.create);
  return {
    topology,
    plan: planned.plan,
    excluded: selection.excluded,
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
