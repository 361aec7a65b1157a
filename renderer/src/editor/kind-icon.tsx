import type { NodeKind } from '../../../shared/topology';

// Drawn, not typed: glyph fonts differ from one machine to the next, these shapes do not.
const PATHS: Record<NodeKind, string> = {
  // A container: a box with a lid.
  service: 'M2.5 5.5 8 2.5l5.5 3v5L8 13.5l-5.5-3zM2.5 5.5 8 8.5l5.5-3M8 8.5v5',
  // A job: a play mark in a circle (runs, then ends).
  job: 'M8 1.75a6.25 6.25 0 1 0 0 12.5A6.25 6.25 0 0 0 8 1.75zM6.5 5.25v5.5L10.75 8z',
  // A volume: a cylinder.
  volume:
    'M2.75 4c0-1.1 2.35-1.75 5.25-1.75S13.25 2.9 13.25 4v8c0 1.1-2.35 1.75-5.25 1.75S2.75 13.1 2.75 12zM2.75 4c0 1.1 2.35 1.75 5.25 1.75S13.25 5.1 13.25 4M2.75 8c0 1.1 2.35 1.75 5.25 1.75S13.25 9.1 13.25 8',
  // A network: three linked points.
  network:
    'M8 2.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM3.5 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM12.5 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zM7.2 5.3 4.3 10.7M8.8 5.3l2.9 5.4M5 12h6',
};

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      className="dw-kind-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[kind]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
