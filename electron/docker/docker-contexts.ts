import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { DockerContext } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';

type Env = Readonly<Record<string, string | undefined>>;

/*
 * The docker CLI's contexts, read from its files: `<config>/contexts/meta/<sha256(name)>/meta.json`
 * holds the name and the engine address, `<config>/contexts/tls/<same>/docker/` the TLS material.
 * `<config>` is DOCKER_CONFIG, else `~/.docker`. Nothing is run: no docker CLI is needed.
 */

const Meta = z.object({
  Name: z.string(),
  Metadata: z.object({ Description: z.string().optional() }).loose().optional(),
  Endpoints: z.object({ docker: z.object({ Host: z.string() }).loose().optional() }).loose(),
});

export function dockerConfigDir(env: Env, home = os.homedir()): string {
  return env.DOCKER_CONFIG ?? path.join(home, '.docker');
}

const contextId = (name: string) => createHash('sha256').update(name).digest('hex');

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function readContext(configDir: string, id: string): Promise<DockerContext | undefined> {
  let meta: z.infer<typeof Meta>;
  try {
    meta = Meta.parse(
      JSON.parse(await readFile(path.join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')),
    );
  } catch {
    return undefined; // not a context this app can use (another endpoint kind, a broken file)
  }
  const host = meta.Endpoints.docker?.Host;
  if (!host) return undefined;
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  return {
    name: meta.Name,
    host,
    ...(meta.Metadata?.Description ? { description: meta.Metadata.Description } : {}),
    tls: await exists(path.join(tlsDir, 'ca.pem')),
  };
}

/** The contexts on this machine, by name; none when the folder does not exist. */
export async function listDockerContexts(env: Env, home?: string): Promise<DockerContext[]> {
  const configDir = dockerConfigDir(env, home);
  let ids: string[];
  try {
    ids = await readdir(path.join(configDir, 'contexts', 'meta'));
  } catch {
    return [];
  }
  const contexts = await Promise.all(ids.map((id) => readContext(configDir, id)));
  return contexts
    .filter((c): c is DockerContext => c !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A context as an engine address plus the variables that carry its TLS material, in the form
 * `resolveDockerHost` reads (DOCKER_CERT_PATH, DOCKER_TLS_VERIFY).
 */
export async function resolveDockerContext(
  name: string,
  env: Env,
  home?: string,
): Promise<{ host: string; env: Record<string, string | undefined> }> {
  const configDir = dockerConfigDir(env, home);
  const context = await readContext(configDir, contextId(name));
  if (!context || context.name !== name) {
    throw new ApiError(
      'NOT_FOUND',
      `docker context "${name}" was not found in ${path.join(configDir, 'contexts')}`,
    );
  }
  const overlay: Record<string, string | undefined> = { ...env, DOCKER_HOST: context.host };
  if (context.tls) {
    overlay.DOCKER_CERT_PATH = path.join(configDir, 'contexts', 'tls', contextId(name), 'docker');
    overlay.DOCKER_TLS_VERIFY = '1';
  } else {
    delete overlay.DOCKER_CERT_PATH;
    delete overlay.DOCKER_TLS_VERIFY;
  }
  return { host: context.host, env: overlay };
}
