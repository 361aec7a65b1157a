import { loadDocument as readDocument } from '../../../shared/compose';
import {
  autoLayout,
  moveNodes,
  NODE_HEIGHT,
  unplacedNodes,
  type Problem,
  type Topology,
} from '../../../shared/topology';

/*
 * What opening and saving do to a document, apart from React and the Api: reading text into a
 * topology (or noticing that it is a Compose file), placing unplaced nodes, naming files.
 */

/** Room left between the nodes a file placed and the ones the layout adds below them. */
const GAP = 64;

/**
 * Gives every node without a position one. With nothing placed, the whole graph is laid out;
 * otherwise the unplaced nodes are laid out among themselves, below the placed ones.
 */
export function placeUnplaced(topology: Topology): Topology {
  const unplaced = unplacedNodes(topology);
  if (unplaced.length === 0) return topology;
  const total = Object.keys(topology.spec.nodes).length;
  if (unplaced.length === total) return moveNodes(topology, autoLayout(topology));
  const placed = Object.entries(topology.layout?.nodes ?? {})
    .filter(([id]) => Object.hasOwn(topology.spec.nodes, id))
    .map(([, p]) => p);
  const left = Math.min(...placed.map((p) => p.x));
  const below = Math.max(...placed.map((p) => p.y + (p.height ?? NODE_HEIGHT))) + GAP;
  const positions = autoLayout(topology, { only: unplaced });
  for (const p of Object.values(positions)) {
    p.x += left;
    p.y += below;
  }
  return moveNodes(topology, positions);
}

export type OpenOutcome =
  | { kind: 'topology'; topology: Topology; notes: Problem[] }
  | { kind: 'compose'; text: string; fileName: string }
  | { kind: 'failed'; problems: Problem[] };

/** Reads a file's text: a topology (placed), a Compose file (to be imported), or its problems. */
export function readFileText(text: string, fileName: string): OpenOutcome {
  const loaded = readDocument(text, fileName);
  if (!loaded.ok) return { kind: 'failed', problems: loaded.problems };
  if (loaded.format === 'compose') return { kind: 'compose', text, fileName };
  return { kind: 'topology', topology: placeUnplaced(loaded.topology), notes: loaded.problems };
}

const EXTENSION = /\.(ya?ml|json)$/i;

/** The name Save As proposes: the current file, else the project name. */
export function defaultFileName(doc: Topology, filePath: string | null, diskName: string | null): string {
  if (filePath) return filePath;
  if (diskName) return diskName;
  const base =
    doc.metadata.name
      .trim()
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/^[.-]+/, '') || 'untitled';
  return `${base}.yaml`;
}

/** What the user typed, tidied: no surrounding blanks or slashes, `.yaml` added when missing. */
export function normalizeFileName(input: string): string {
  const name = input.trim().replace(/^\/+|\/+$/g, '');
  if (name === '') return '';
  return EXTENSION.test(name) ? name : `${name}.yaml`;
}

/** The last segment of a server-side path, for downloads and the header. */
export function baseName(path: string): string {
  return path.split('/').at(-1) ?? path;
}

/** A sibling of a server-side file, e.g. `docker-compose.yml` next to `team/shop.yaml`. */
export function siblingPath(path: string, name: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? name : `${path.slice(0, cut + 1)}${name}`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
