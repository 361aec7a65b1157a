import type { EngineTestResult } from '../../shared/ipc/contract';
import { systemClock, type Clock } from '../common/clock';
import type { DockerClient } from './docker-client';
import { resolveDockerHost, type DockerHost } from './docker-host';
import { createDockerodeClient } from './dockerode-client';
import { toEngineError } from './engine-errors';

type Env = Readonly<Record<string, string | undefined>>;

export interface EngineTestOptions {
  /** The whole test gives up after this long (a firewalled TCP address never answers). */
  timeoutMs?: number;
  clock?: Clock;
  /** The client for the address (tests); dockerode by default. */
  clientFor?: (host: DockerHost, timeoutMs: number) => DockerClient;
}

/**
 * The settings' Test button: tries an engine with a client of its own (the app's engine is not
 * touched) and says what happened, in words, within `timeoutMs`.
 */
export async function testEngine(
  address: string | undefined,
  env: Env,
  options: EngineTestOptions = {},
): Promise<EngineTestResult> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const started = clock.now();
  const elapsed = () => Math.max(0, Math.round(clock.now() - started));
  let host: DockerHost;
  try {
    host = resolveDockerHost(address, env);
  } catch (error) {
    return {
      ok: false,
      host: address ?? '',
      message: (error as Error).message,
      durationMs: elapsed(),
    };
  }
  const client = (options.clientFor ?? ((h, t) => createDockerodeClient(h.options, { requestTimeoutMs: t })))(
    host,
    timeoutMs,
  );
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = clock.setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
  });
  try {
    const version = await Promise.race([client.ping().then(() => client.version()), timeout]);
    const ms = elapsed();
    return {
      ok: true,
      host: host.display,
      version: version.Version,
      apiVersion: version.ApiVersion,
      message: `Docker ${version.Version} (API ${version.ApiVersion}) answered at ${host.display} in ${ms} ms.`,
      durationMs: ms,
    };
  } catch (error) {
    return {
      ok: false,
      host: host.display,
      message: toEngineError(error, host.display).message,
      durationMs: elapsed(),
    };
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
