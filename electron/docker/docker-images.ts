import type { Readable } from 'node:stream';
import { ApiError } from '../../shared/ipc/errors';
import { packBuildContext } from './build-context';
import type { DockerClient, ProgressEvent } from './docker-client';
import type { DockerEngine } from './docker-engine';
import { statusOf, toEngineError } from './engine-errors';

/** Images on the engine: is one there, build one from a context folder, pull one. */
export class DockerImages {
  constructor(private readonly engine: DockerEngine) {}

  private get docker(): DockerClient {
    return this.engine.client;
  }

  private fail(error: unknown): never {
    throw toEngineError(error, this.engine.host.display);
  }

  async exists(reference: string): Promise<boolean> {
    try {
      await this.docker.inspectImage(reference);
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      this.fail(error);
    }
  }

  /**
   * Builds an image from a context folder, reporting the engine's build output line by line.
   * The context is sent as `.dockerignore` says, without following links out of it (what is left
   * out is told in the output). Fails with the engine's own error message (e.g. the failing
   * Dockerfile step).
   */
  async build(
    contextDir: string,
    options: {
      tag: string;
      dockerfile?: string;
      target?: string;
      buildArgs?: Record<string, string>;
      labels?: Record<string, string>;
      cacheFrom?: string[];
      /** The network RUN instructions use. */
      network?: string;
      platform?: string;
    },
    onLine: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const context = await packBuildContext(contextDir, {
      ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
      onWarning: (text) => onLine(`warning: ${text}`),
    });
    let stream: Readable;
    try {
      stream = await this.docker.buildImage(context, {
        t: options.tag,
        ...(options.dockerfile ? { dockerfile: options.dockerfile } : {}),
        ...(options.target ? { target: options.target } : {}),
        ...(options.buildArgs ? { buildargs: options.buildArgs } : {}),
        ...(options.labels ? { labels: options.labels } : {}),
        ...(options.cacheFrom ? { cachefrom: options.cacheFrom } : {}),
        ...(options.network ? { networkmode: options.network } : {}),
        ...(options.platform ? { platform: options.platform } : {}),
        ...(signal ? { abortSignal: signal } : {}),
      });
    } catch (error) {
      context.destroy();
      this.fail(error);
    }
    await this.followProgress(stream, onLine);
  }

  /** Pulls an image, reporting progress; fails with the engine's reason (offline, unknown image). */
  async pull(
    reference: string,
    onLine: (text: string) => void,
    options: { signal?: AbortSignal; platform?: string } = {},
  ): Promise<void> {
    let stream: Readable;
    try {
      stream = await this.docker.pullImage(reference, options.platform ? { platform: options.platform } : {});
    } catch (error) {
      this.fail(error);
    }
    // A pull that outlives its deadline stops reading: the engine drops it with the connection.
    const stop = () => stream.destroy(new Error('the pull was stopped'));
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await this.followProgress(stream, onLine);
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  private async followProgress(stream: Readable, onLine: (text: string) => void): Promise<void> {
    let output: ProgressEvent[];
    try {
      output = await this.docker.followProgress(stream, (event) => {
        const text = (
          event.stream ?? [event.id, event.status, event.progress].filter(Boolean).join(' ')
        ).trimEnd();
        if (text) onLine(text);
      });
    } catch (error) {
      this.fail(error);
    }
    const failed = output.find((item) => item.error || item.errorDetail);
    if (failed) throw new ApiError('ENGINE_ERROR', failed.errorDetail?.message ?? failed.error ?? 'failed');
  }
}
