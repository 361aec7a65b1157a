import { CURRENT_API_VERSION, type Topology, type TopologyNode } from '../../shared/topology';
import { BUSYBOX_IMAGE, HTTP_IMAGE } from './test-images';

/**
 * A topology of these nodes. Containers get `init: true` unless they say otherwise, as nodes drawn
 * in the editor do: test programs (`sleep`, `httpd`) then end on SIGTERM at once instead of
 * waiting out the stop timeout (a run adds no init process the document does not ask for).
 */
export function topology(name: string, nodes: Record<string, TopologyNode>): Topology {
  const withInit = Object.fromEntries(
    Object.entries(nodes).map(([id, node]) => [
      id,
      (node.kind === 'service' || node.kind === 'job') && node.init === undefined
        ? { ...node, init: true }
        : node,
    ]),
  );
  return { apiVersion: CURRENT_API_VERSION, kind: 'Topology', metadata: { name }, spec: { nodes: withInit } };
}

const FAST_HEALTH = {
  test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'],
  interval: '1s',
  timeout: '1s',
  retries: 3,
};

/**
 * A diamond of services with healthchecks and a job: net and data first, then db; migrate
 * (a job) and cache both wait for db; api waits for cache healthy and migrate completed.
 */
export function diamond(name: string): Topology {
  return topology(name, {
    net: { kind: 'network' },
    data: { kind: 'volume' },
    db: {
      kind: 'service',
      image: HTTP_IMAGE,
      networks: [{ network: 'net' }],
      mounts: [{ type: 'volume', source: 'data', target: '/data' }],
      healthcheck: FAST_HEALTH,
    },
    cache: {
      kind: 'service',
      image: HTTP_IMAGE,
      networks: [{ network: 'net' }],
      healthcheck: FAST_HEALTH,
      dependsOn: [{ node: 'db', condition: 'healthy' }],
    },
    migrate: {
      kind: 'job',
      image: BUSYBOX_IMAGE,
      command: ['sh', '-c', 'wget -q -O - http://db:8080/ && echo migrated'],
      networks: [{ network: 'net' }],
      dependsOn: [{ node: 'db', condition: 'healthy' }],
    },
    api: {
      kind: 'service',
      image: HTTP_IMAGE,
      networks: [{ network: 'net' }],
      healthcheck: FAST_HEALTH,
      dependsOn: [
        { node: 'cache', condition: 'healthy' },
        { node: 'migrate', condition: 'completed' },
      ],
    },
  });
}
