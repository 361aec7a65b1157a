import type { EngineTestResult } from '../../shared/ipc/contract';
import { isApiError } from '../../shared/ipc/errors';
import { systemClock, type Clock } from '../common/clock';
import type { DockerClient } from './docker-client';
import type { DockerHost } from './docker-host';
import { resolveEngine, type EngineSelection } from './engine-address';
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
 * The settings' Test button (and the CLI's): tries an engine, named by address, context or
 * neither (the docker CLI's order, `resolveEngine`), with a client of its own (the app's engine is
 * not touched) and says what happened, in words, within `timeoutMs`.
 */
export async function testEngine(
  selection: EngineSelection,
  env: Env,
  options: EngineTestOptions = {},
): Promise<EngineTestResult> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const started = clock.now();
  const elapsed = () => Math.max(0, Math.round(clock.now() - started));
  let host: DockerHost;
  try {
    host = resolveEngine(selection, env);
  } catch (error) {
    return {
      ok: false,
      host: selection.host ?? selection.context ?? '',
      message: (error as Error).message,
      ...(isApiError(error) ? { code: error.code } : {}),
      durationMs: elapsed(),
    };
  }
  const client = (
    options.clientFor ??
    ((h, t) =>
      createDockerodeClient(h.options, { requestTimeoutMs: t, connectTimeoutMs: t, sshReadyTimeoutMs: t }))
  )(host, timeoutMs);
  const where = host.context ? `${host.display} (context ${host.context})` : host.display;
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
      message: `Docker ${version.Version} (API ${version.ApiVersion}) answered at ${where} in ${ms} ms.`,
      durationMs: ms,
    };
  } catch (error) {
    const apiError = toEngineError(error, host.display);
    return {
      ok: false,
      host: host.display,
      message: apiError.message,
      code: apiError.code,
      durationMs: elapsed(),
    };
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
