import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { statusAccepted, type StatusRange } from '../../shared/topology';

/** One probe's verdict. `inconclusive`: nothing was learnt about the service (e.g. no address). */
export interface ProbeOutcome {
  readonly ok: boolean;
  readonly message: string;
  readonly inconclusive?: boolean;
}

export interface HttpProbe {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly scheme: 'http' | 'https';
  readonly status: readonly StatusRange[];
  readonly body?: RegExp;
  readonly headers: Readonly<Record<string, string>>;
  readonly insecure: boolean;
  readonly timeoutMs: number;
}

/** Only this much of a body is read for the pattern: enough for a health page, bounded for a huge one. */
const MAX_BODY = 64 * 1024;

const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
};

function describeError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code && ERROR_WORDS[code]) return ERROR_WORDS[code];
  return (error as Error | null)?.message ?? String(error);
}

/** GET with a deadline: passes when the status is in range and the body (if asked) matches. */
export function probeHttp(probe: HttpProbe, signal: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const client = probe.scheme === 'https' ? https : http;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(outcome);
    };
    const request = client.request({
      host: probe.host,
      port: probe.port,
      path: probe.path,
      method: 'GET',
      headers: { 'user-agent': 'dockwright-health', ...probe.headers },
      // A fresh connection per check: no pooled socket outlives the monitor.
      agent: false,
      ...(probe.scheme === 'https' ? { rejectUnauthorized: !probe.insecure } : {}),
    });
    const timer = setTimeout(
      () => finish({ ok: false, message: `no answer within ${probe.timeoutMs} ms` }),
      probe.timeoutMs,
    );
    const onAbort = () => finish({ ok: false, inconclusive: true, message: 'stopped' });
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish({ ok: false, message: describeError(error) }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (!statusAccepted(probe.status, status)) {
        finish({ ok: false, message: `HTTP ${status}` });
        return;
      }
      if (!probe.body) {
        finish({ ok: true, message: `HTTP ${status}` });
        return;
      }
      const pattern = probe.body;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      response.on('end', () =>
        finish(
          pattern.test(body.slice(0, MAX_BODY))
            ? { ok: true, message: `HTTP ${status}` }
            : { ok: false, message: `HTTP ${status}, body does not match /${pattern.source}/` },
        ),
      );
      response.on('error', (error) => finish({ ok: false, message: describeError(error) }));
    });
    request.end();
  });
}

/** Passes when the port accepts a TCP connection within the timeout. */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ ok: false, message: `no connection within ${timeoutMs} ms` }),
      timeoutMs,
    );
    const onAbort = () => finish({ ok: false, inconclusive: true, message: 'stopped' });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => finish({ ok: true, message: `connected to :${port}` }));
    socket.on('error', (error) => finish({ ok: false, message: describeError(error) }));
  });
}
