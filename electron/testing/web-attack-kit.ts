import net from 'node:net';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { handlersFor } from '../../shared/testing/ipc-handlers';
import { EventHub } from '../app/event-hub';
import { createLogger } from '../common/logger';
import { startWebServer, type WebServer } from '../server/web-server';
import type { WebLimits } from '../server/web-limits';

/** A web server with fixed answers, an event hub to push through, and its log lines kept. */
export interface AttackTarget {
  readonly server: WebServer;
  readonly hub: EventHub;
  /** Every line the server logged at warn or above, as JSON text. */
  readonly logLines: string[];
  stop(): Promise<void>;
}

export async function startAttackTarget(limits: Partial<WebLimits> = {}): Promise<AttackTarget> {
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'warn',
    stderrLevel: 'warn',
    pretty: false,
    stderr: { write: (line: string) => void logLines.push(line), isTTY: false },
  });
  const hub = new EventHub();
  const server = await startWebServer({
    dispatcher: createDispatcher(
      handlersFor({
        'engine.status': () => ({ state: 'connected', host: 'unix:///x', since: new Date(0).toISOString() }),
      }),
    ),
    events: hub,
    logger,
    limits,
  });
  return {
    server,
    hub,
    logLines,
    async stop() {
      await server.close();
      hub.dispose();
    },
  };
}

export interface RawAnswer {
  /** The status of the first response line, or undefined when nothing came back. */
  readonly status: number | undefined;
  readonly text: string;
  /** Whether the server closed the connection before the wait ended. */
  readonly closed: boolean;
}

/**
 * Sends bytes on a fresh TCP connection, exactly as given (no client library to tidy them up),
 * and collects what comes back until the server closes or `waitMs` passes.
 */
export function rawExchange(port: number, request: string | Buffer, waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let settled = false;
    const settle = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), text, closed });
    };
    const timer = setTimeout(() => settle(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => settle(true));
    socket.on('error', () => settle(true));
  });
}

/** A request line and headers, with the Host this server accepts, closing after the answer. */
export function rawRequest(port: number, target: string, headers: Record<string, string> = {}): string {
  const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The status of GET /healthz: 200 while the server is up and serving. */
export async function healthStatus(server: WebServer): Promise<number> {
  const response = await fetch(`${server.origin}/healthz`);
  await response.arrayBuffer();
  return response.status;
}

/** The log lines that record refusals, parsed. */
export function refusalsLogged(lines: readonly string[]): Array<{ status: number; reason: string }> {
  return lines
    .map((line) => JSON.parse(line) as { msg?: string; status: number; reason: string })
    .filter((entry) => entry.msg === 'request refused');
}

/**
 * Records errors nothing handled (`uncaughtException`): in the real process each of them would
 * have ended the server. Vitest keeps its own listener, so the test run still reports them.
 */
export function watchUncaughtErrors(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const record = (error: unknown) => void errors.push(error);
  process.on('uncaughtException', record);
  return { errors, stop: () => void process.off('uncaughtException', record) };
}
