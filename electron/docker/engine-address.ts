import type { EngineChoice } from '../../shared/ipc/contract';
import { configuredContext } from './docker-config';
import { contextEndpoint, DEFAULT_CONTEXT } from './docker-contexts';
import { resolveDockerHost, type DockerHost } from './docker-host';

type Env = Readonly<Record<string, string | undefined>>;

/** What the user named: an address (`-H`), a docker context (`--context`), or neither. */
export interface EngineSelection {
  host?: string | undefined;
  context?: string | undefined;
}

function fromContext(name: string, env: Env): DockerHost {
  const endpoint = contextEndpoint(name, env);
  const host = resolveDockerHost(endpoint.host, endpoint.env);
  return name === DEFAULT_CONTEXT ? host : { ...host, context: name };
}

/**
 * Where the engine is, with the docker CLI's order: `-H` > `--context` > DOCKER_HOST >
 * DOCKER_CONTEXT > config.json's `currentContext` > the platform's socket. (The docker CLI
 * refuses `-H` with `--context`; here the address wins, so a script can override a context.)
 * Throws INVALID_INPUT for an address it cannot read, NOT_FOUND for a context that is not there.
 */
export function resolveEngine(selection: EngineSelection, env: Env = process.env): DockerHost {
  if (selection.host) return resolveDockerHost(selection.host, env);
  if (selection.context) return fromContext(selection.context, env);
  if (env.DOCKER_HOST) return resolveDockerHost(env.DOCKER_HOST, env);
  const named = env.DOCKER_CONTEXT || configuredContext(env);
  if (named) return fromContext(named, env);
  return resolveDockerHost(undefined, env);
}

/** The settings' engine choice as a selection (`default`: the whole order above). */
export function engineSelectionOf(choice: EngineChoice): EngineSelection {
  switch (choice.kind) {
    case 'default':
      return {};
    case 'host':
      return { host: choice.host };
    case 'context':
      return { context: choice.name };
  }
}
