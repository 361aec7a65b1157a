import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  key: string;
  event: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every POST that reached it, failed ones too (the wire). */
  readonly hits: ReceivedHook[];
  /** What it accepted, once per Idempotency-Key (its dedupe). */
  readonly accepted: Map<string, ReceivedHook>;
  /** Answer the next `n` requests with `status` (500 by default) before accepting again. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that can fail on purpose and drops duplicates by Idempotency-Key. */
export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const hits: ReceivedHook[] = [];
  const accepted = new Map<string, ReceivedHook>();
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // Recorded as an empty body.
      }
      const hook: ReceivedHook = {
        key: String(request.headers['idempotency-key'] ?? ''),
        event: String(request.headers['x-dockwright-event'] ?? ''),
        body,
        headers: request.headers,
      };
      hits.push(hook);
      if (failures.left > 0) {
        failures.left--;
        response.writeHead(failures.status).end();
        return;
      }
      if (!accepted.has(hook.key)) accepted.set(hook.key, hook);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/hook?token=t0ps3cret`,
    hits,
    accepted,
    failNext(n, status = 500) {
      failures = { left: n, status };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
