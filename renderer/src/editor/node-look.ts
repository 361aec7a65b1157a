import type { NodeRunState } from '../../../shared/ipc/contract';
import type { DependencyCondition, NodeKind, Port, Relation, TopologyNode } from '../../../shared/topology';

/*
 * How the canvas draws things, in one place: the node card, the edges, the minimap and the palette
 * all take their colours and words from here, so a kind or a state looks the same everywhere.
 */

export const KIND_LOOK: Record<NodeKind, { word: string; label: string; color: string }> = {
  service: { word: 'service', label: 'Service', color: '#4aa3ff' },
  job: { word: 'job', label: 'Job', color: '#a371f7' },
  volume: { word: 'volume', label: 'Volume', color: '#d29922' },
  network: { word: 'network', label: 'Network', color: '#39c5cf' },
};

export const NODE_KINDS: readonly NodeKind[] = ['service', 'job', 'volume', 'network'];

export const CONDITION_COLOR: Record<DependencyCondition, string> = {
  started: '#58a6ff',
  healthy: '#3fb950',
  completed: '#a371f7',
};

export const RELATION_COLOR: Record<Exclude<Relation, 'dependency'>, string> = {
  network: KIND_LOOK.network.color,
  mount: KIND_LOOK.volume.color,
  'shared-network': '#db61a2',
};

export function edgeColor(relation: Relation, condition: DependencyCondition | undefined): string {
  return relation === 'dependency' ? CONDITION_COLOR[condition ?? 'started'] : RELATION_COLOR[relation];
}

/** A run state as drawn; `unhealthy` comes from health checks, the others from the run. */
export type StateName = NodeRunState['state'] | 'unhealthy';

export type StateTone = 'idle' | 'busy' | 'ok' | 'warn' | 'bad';

export const STATE_LOOK: Record<StateName, { icon: string; word: string; tone: StateTone }> = {
  pending: { icon: '○', word: 'pending', tone: 'idle' },
  starting: { icon: '◔', word: 'starting', tone: 'busy' },
  running: { icon: '▶', word: 'running', tone: 'busy' },
  healthy: { icon: '✓', word: 'healthy', tone: 'ok' },
  unhealthy: { icon: '!', word: 'unhealthy', tone: 'bad' },
  completed: { icon: '✓', word: 'completed', tone: 'ok' },
  retrying: { icon: '↻', word: 'retrying', tone: 'warn' },
  failed: { icon: '✕', word: 'failed', tone: 'bad' },
  skipped: { icon: '»', word: 'skipped', tone: 'idle' },
  cancelled: { icon: '⊘', word: 'cancelled', tone: 'idle' },
};

/** "retrying 2/3" with the attempt numbers, else the state's word. */
export function stateText(run: Pick<NodeRunState, 'state' | 'attempt' | 'maxAttempts'>): string {
  const word = STATE_LOOK[run.state].word;
  if (run.state === 'retrying' && run.attempt !== undefined) {
    return run.maxAttempts !== undefined
      ? `${word} ${run.attempt}/${run.maxAttempts}`
      : `${word} ${run.attempt}`;
  }
  return word;
}

/** "8080→80", "8000-8010→80/udp", "→5432" (an ephemeral host port). */
export function formatPort(port: Port): string {
  const host = port.published === undefined ? '' : String(port.published);
  const proto = port.protocol && port.protocol !== 'tcp' ? `/${port.protocol}` : '';
  return `${host}→${port.target}${proto}`;
}

/** What the card shows under the name: the image of a container, the driver of the others. */
export function nodeSubtitle(node: TopologyNode): string {
  switch (node.kind) {
    case 'service':
    case 'job':
      return node.image || (node.build ? 'built from source' : 'no image yet');
    case 'volume':
    case 'network':
      return node.external ? 'external' : (node.driver ?? 'default driver');
  }
}
