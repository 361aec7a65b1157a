import type { DockerClient } from '../docker/docker-client';

/**
 * A `decorate` for DockerEngine that writes down the name of every client method called, in
 * order, into `calls`: tests that say which engine calls a piece of work makes.
 */
export function countingCalls(calls: string[]): (client: DockerClient) => DockerClient {
  return (client) =>
    new Proxy(client, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(key));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}
