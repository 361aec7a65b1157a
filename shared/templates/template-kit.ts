import type { Healthcheck, Topology, TopologyNode } from '../topology/model';
import { CURRENT_API_VERSION } from '../topology/version';

/**
 * The one image every template runs: a busybox root file system (sh, httpd with CGI, wget, awk),
 * built locally by `scripts/template-images.sh` (`npm run template-images`), no registry needed.
 */
export const SAMPLE_IMAGE = 'dockwright-sample/busybox:1';

/** A shell script as an exec-form command (no word splitting surprises, no interpolation). */
export const sh = (script: string): string[] => ['sh', '-c', script];

/** A quick healthcheck on an HTTP path of the container itself. */
export function httpCheck(port: number, path = '/'): Healthcheck {
  return {
    test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${port}${path}`],
    interval: '1s',
    timeout: '2s',
    retries: 30,
  };
}

export function topology(name: string, description: string, nodes: Record<string, TopologyNode>): Topology {
  return {
    apiVersion: CURRENT_API_VERSION,
    kind: 'Topology',
    metadata: { name, description, labels: { 'dockwright.template': name } },
    spec: { nodes },
  };
}
