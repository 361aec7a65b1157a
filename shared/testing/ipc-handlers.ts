import { REQUEST_CHANNELS, type RequestChannel } from '../ipc/channels';
import type { Handler, Handlers } from '../ipc/dispatcher';
import { ApiError } from '../ipc/errors';

/** Handlers for tests that exercise a few channels: the others answer INTERNAL, saying so. */
export function handlersFor(partial: Partial<Handlers>): Handlers {
  const all: Partial<Record<RequestChannel, Handler<RequestChannel>>> = {};
  for (const channel of REQUEST_CHANNELS) {
    all[channel] = () => {
      throw new ApiError('INTERNAL', `${channel} is not handled in this test`);
    };
  }
  return { ...all, ...partial } as Handlers;
}
