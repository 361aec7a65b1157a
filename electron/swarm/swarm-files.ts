import { createHash } from 'node:crypto';
import type { FileSource } from '../../shared/topology';
import type { DockerClient, SwarmFileInspect } from '../docker/docker-client';
import { statusOf } from '../docker/engine-errors';
import { LABELS, resourceName } from '../docker/labels';
import { TaskError } from '../executor';
import { sourceContent } from '../runs/container-files';
import type { SwarmFileRef } from './service-spec';
import { swarmLabels } from './swarm-labels';

export type FileFamily = 'secrets' | 'configs';

const singular = (family: FileFamily) => (family === 'secrets' ? 'secret' : 'config');

/** A Swarm secret or config name: at most 64 characters, so long names keep their end (the digest). */
export function swarmFileName(project: string, name: string, digest: string): string {
  const full = `${resourceName(project, name)}-${digest}`;
  return full.length <= 64 ? full : `${full.slice(0, 64 - digest.length - 1)}-${digest}`;
}

export interface SwarmFilesOptions {
  readonly client: DockerClient;
  readonly project: string;
  readonly baseDir?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * A deploy's Swarm secrets and configs. Their content is read here, on the main side (a file
 * relative to the topology, an environment variable, or inline), as the engine target reads it.
 * Swarm secrets and configs cannot change: the name carries a digest of the content, so changed
 * content is a new object and the services using it are updated to it. External ones must exist
 * on the Swarm already. Each is made once per deploy, however many services use it.
 */
export class SwarmFiles {
  private readonly made = new Map<string, Promise<SwarmFileRef>>();

  constructor(private readonly options: SwarmFilesOptions) {}

  ensure(family: FileFamily, name: string, source: FileSource): Promise<SwarmFileRef> {
    const key = `${family}/${name}`;
    let made = this.made.get(key);
    if (!made) {
      made = this.make(family, name, source);
      this.made.set(key, made);
      // A failure is not remembered: the next service that needs it tries again.
      made.catch(() => this.made.delete(key));
    }
    return made;
  }

  private list(family: FileFamily, name: string): Promise<SwarmFileInspect[]> {
    const filters = { name: [name] };
    return family === 'secrets'
      ? this.options.client.listSecrets({ filters })
      : this.options.client.listConfigs({ filters });
  }

  private async find(family: FileFamily, name: string): Promise<SwarmFileInspect | undefined> {
    // The engine's name filter matches prefixes: the exact name is picked here.
    return (await this.list(family, name)).find((file) => file.Spec.Name === name);
  }

  private async make(family: FileFamily, name: string, source: FileSource): Promise<SwarmFileRef> {
    if (source.external) {
      const swarmName = source.dockerName ?? name;
      const found = await this.find(family, swarmName);
      if (!found)
        throw new TaskError(
          'fatal',
          `external ${singular(family)} "${swarmName}" is not on the Swarm; create it (docker ${singular(family)} create)`,
        );
      return { id: found.ID, name: swarmName };
    }
    let content: Buffer;
    try {
      content = sourceContent(name, source, this.options.baseDir, this.options.env);
    } catch (error) {
      throw new TaskError('fatal', (error as Error).message);
    }
    const digest = createHash('sha256').update(content).digest('hex').slice(0, 12);
    const swarmName = swarmFileName(this.options.project, source.dockerName ?? name, digest);
    const existing = await this.find(family, swarmName);
    if (existing) return { id: existing.ID, name: swarmName };
    const spec = {
      Name: swarmName,
      Data: content.toString('base64'),
      Labels: {
        ...swarmLabels({ project: this.options.project, node: name, kind: singular(family) }, source.labels),
        [LABELS.configHash]: digest,
      },
    };
    try {
      const created =
        family === 'secrets'
          ? await this.options.client.createSecret(spec)
          : await this.options.client.createConfig(spec);
      return { id: created.id, name: swarmName };
    } catch (error) {
      // Made by another process deploying the same content at the same moment: use that one.
      if (statusOf(error) === 409) {
        const raced = await this.find(family, swarmName);
        if (raced) return { id: raced.ID, name: swarmName };
      }
      throw error;
    }
  }
}
