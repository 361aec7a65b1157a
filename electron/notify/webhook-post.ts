import { APP_NAME, APP_VERSION } from '../common/app-version';
import type { OutboxMessage } from './notify-message';

/** Why an attempt failed, and whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * One POST of a message to its URL, bounded by `timeoutMs`. Only the message's own headers are
 * sent: no cookies, no credentials, nothing from the environment. Redirects are not followed.
 * A 2xx is delivered; 408, 425, 429 and 5xx are worth retrying; another 4xx is not.
 */
export async function postWebhook(message: OutboxMessage, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(message.url, {
      method: 'POST',
      redirect: 'manual',
      credentials: 'omit',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.id,
        'user-agent': `${APP_NAME}/${APP_VERSION}`,
        'x-dockwright-event': message.event,
      },
      body: JSON.stringify(message.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if ((error as Error).name === 'TimeoutError')
      throw new DeliveryError(`no answer within ${timeoutMs} ms`, false);
    throw new DeliveryError(cause?.code ?? cause?.message ?? (error as Error).message, false);
  }
  // The body is not needed; reading it frees the connection.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return;
  const retryable = response.status >= 500 || [408, 425, 429].includes(response.status);
  throw new DeliveryError(`HTTP ${response.status}`, !retryable);
}
