import { readFileSync, statSync } from 'node:fs';
import { placeholderNames, resolvePlaceholders } from '../../shared/compose/env-placeholders';
import { isSecretKey, urlCredential } from '../../shared/text/secret-keys';
import { isContainer, type Topology } from '../../shared/topology';
import { processSecrets, type SecretValues } from '../common/secret-values';
import { resolveHostPath } from './host-paths';

type Env = Readonly<Record<string, string | undefined>>;

/** Secret files larger than this are not read to be masked (a key or a password is small). */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** A value is secret when its name looks secret, or it takes a secret-looking variable's value. */
function secretValues(entries: Readonly<Record<string, string | null>> | undefined, env: Env): string[] {
  const out: string[] = [];
  for (const [key, raw] of Object.entries(entries ?? {})) {
    const value = raw === null ? env[key] : resolvePlaceholders(raw, env).value;
    if (value === undefined || value === '') continue;
    const referenced = raw === null ? [] : placeholderNames(raw);
    if (isSecretKey(key) || referenced.some(isSecretKey)) out.push(value);
    for (const name of referenced.filter(isSecretKey)) {
      const variable = env[name];
      if (variable) out.push(variable);
    }
    const credential = urlCredential(value);
    if (credential) out.push(credential);
  }
  return out;
}

function fileContent(file: string, baseDir: string | undefined): string | undefined {
  const absolute = resolveHostPath(file, baseDir);
  if (absolute === undefined) return undefined;
  try {
    if (statSync(absolute).size > MAX_SECRET_FILE_BYTES) return undefined;
    return readFileSync(absolute, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Registers the secrets a run is about to handle, so they are masked wherever they could leave
 * the process (logs, spans, run history, errors, events): environment values and build args whose
 * names look secret (or that take a secret-looking variable), passwords in URLs, and the content
 * of the topology's secrets (their file, variable or inline content).
 */
export function registerRunSecrets(
  topology: Topology,
  env: Env,
  baseDir: string | undefined,
  secrets: SecretValues = processSecrets,
): void {
  for (const node of Object.values(topology.spec.nodes)) {
    if (!isContainer(node)) continue;
    secrets.add(...secretValues(node.environment, env), ...secretValues(node.build?.args, env));
  }
  for (const source of Object.values(topology.spec.secrets ?? {})) {
    if (source.environment !== undefined) secrets.add(env[source.environment]);
    if (source.content !== undefined) secrets.add(resolvePlaceholders(source.content, env).value);
    if (source.file !== undefined) secrets.add(fileContent(source.file, baseDir));
  }
}
