import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DockerContext } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { configuredContext, dockerConfigDir } from './docker-config';

export { dockerConfigDir } from './docker-config';

type Env = Readonly<Record<string, string | undefined>>;

/*
 * The docker CLI's contexts, read from its files: `<config>/contexts/meta/<sha256(name)>/meta.json`
 * holds the name and the engine address, `<config>/contexts/tls/<same>/docker/` the TLS material.
 * `<config>` is DOCKER_CONFIG, else `~/.docker`. Nothing is run: no docker CLI is needed. The
 * files are a few hundred bytes, read synchronously so an engine can be resolved in a constructor.
 */

/** The context that means "no context": DOCKER_HOST, else the default socket. */
export const DEFAULT_CONTEXT = 'default';

const Meta = z.object({
  Name: z.string(),
  Metadata: z.object({ Description: z.string().optional() }).loose().optional(),
  Endpoints: z
    .object({
      docker: z.object({ Host: z.string(), SkipTLSVerify: z.boolean().optional() }).loose().optional(),
    })
    .loose(),
});

const contextId = (name: string) => createHash('sha256').update(name).digest('hex');

interface StoredContext {
  name: string;
  host: string;
  description?: string;
  skipTlsVerify: boolean;
  /** The folder with ca.pem, cert.pem, key.pem, when the context has TLS material. */
  tlsDir?: string;
}

function readContext(configDir: string, id: string): StoredContext | undefined {
  let meta: z.infer<typeof Meta>;
  try {
    meta = Meta.parse(
      JSON.parse(readFileSync(path.join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')),
    );
  } catch {
    return undefined; // not a context this app can use (another endpoint kind, a broken file)
  }
  const docker = meta.Endpoints.docker;
  if (!docker?.Host) return undefined;
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  const hasTls = ['ca.pem', 'cert.pem', 'key.pem'].some((file) => existsSync(path.join(tlsDir, file)));
  return {
    name: meta.Name,
    host: docker.Host,
    ...(meta.Metadata?.Description ? { description: meta.Metadata.Description } : {}),
    skipTlsVerify: docker.SkipTLSVerify ?? false,
    ...(hasTls ? { tlsDir } : {}),
  };
}

/**
 * The context the docker CLI would use without `-H` or `--context`: none (`default`) when
 * DOCKER_HOST is set, else DOCKER_CONTEXT, else config.json's `currentContext`.
 */
export function currentContextName(env: Env): string {
  if (env.DOCKER_HOST) return DEFAULT_CONTEXT;
  return env.DOCKER_CONTEXT || configuredContext(env) || DEFAULT_CONTEXT;
}

/** The contexts on this machine, by name, the current one marked; none without a contexts folder. */
export function listDockerContexts(env: Env, home?: string): Promise<DockerContext[]> {
  const configDir = dockerConfigDir(env, home);
  let ids: string[];
  try {
    ids = readdirSync(path.join(configDir, 'contexts', 'meta'));
  } catch {
    return Promise.resolve([]);
  }
  let current: string | undefined;
  try {
    current = currentContextName(home ? { ...env, HOME: home } : env);
  } catch {
    current = undefined; // a broken config.json: listed without a current one
  }
  const contexts = ids
    .map((id) => readContext(configDir, id))
    .filter((c): c is StoredContext => c !== undefined)
    .map((c): DockerContext => ({
      name: c.name,
      host: c.host,
      ...(c.description ? { description: c.description } : {}),
      tls: c.tlsDir !== undefined,
      current: c.name === current,
    }));
  return Promise.resolve(contexts.sort((a, b) => a.name.localeCompare(b.name)));
}

/**
 * A context as an engine address plus the variables that carry its TLS, in the form
 * `resolveDockerHost` reads: DOCKER_CERT_PATH with DOCKER_TLS_VERIFY, or DOCKER_TLS alone for
 * `SkipTLSVerify`, as the docker CLI's own flags do. `default` is no context.
 */
export function contextEndpoint(
  name: string,
  env: Env,
  home?: string,
): { host: string | undefined; env: Record<string, string | undefined> } {
  if (name === DEFAULT_CONTEXT) return { host: env.DOCKER_HOST || undefined, env: { ...env } };
  const configDir = dockerConfigDir(env, home);
  const context = readContext(configDir, contextId(name));
  if (!context || context.name !== name) {
    throw new ApiError(
      'NOT_FOUND',
      `docker context "${name}" was not found in ${path.join(configDir, 'contexts')} (docker context ls lists them)`,
    );
  }
  const overlay: Record<string, string | undefined> = { ...env, DOCKER_HOST: context.host };
  delete overlay.DOCKER_CERT_PATH;
  delete overlay.DOCKER_TLS_VERIFY;
  delete overlay.DOCKER_TLS;
  // Never ~/.docker's own certificates for a context: only the context's, or none.
  overlay.DOCKER_CERT_PATH =
    context.tlsDir ?? path.join(configDir, 'contexts', 'tls', contextId(name), 'docker');
  if (context.skipTlsVerify) overlay.DOCKER_TLS = '1';
  else if (context.tlsDir) overlay.DOCKER_TLS_VERIFY = '1';
  return { host: context.host, env: overlay };
}

/** `contextEndpoint` for callers that already await (the settings). */
export function resolveDockerContext(
  name: string,
  env: Env,
  home?: string,
): Promise<{ host: string | undefined; env: Record<string, string | undefined> }> {
  try {
    return Promise.resolve(contextEndpoint(name, env, home));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
