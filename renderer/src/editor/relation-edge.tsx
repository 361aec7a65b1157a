import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import type { RelationFlowEdge } from './flow-mapping';
import { noteRender } from './render-probe';

// Wide enough for the condition word at the label's font size; no measuring, so no layout pass.
const CHAR_PX = 6.2;
const LABEL_PAD_PX = 14;
const LABEL_HEIGHT = 16;

/**
 * One relation. The stroke tells which (CSS by `dw-edge--<relation>`: a dependency is solid, a
 * network dashed, a mount dotted, a shared network stack dash-dot); a dependency carries its
 * condition as a label. The label is SVG inside the edge, so clicking it selects the edge (the
 * inspector edits the condition) and a thousand labels cost no HTML overlay.
 */
function RelationEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  data,
}: EdgeProps<RelationFlowEdge>) {
  noteRender('edge', id);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  if (!data) return null;
  const width = (data.condition?.length ?? 0) * CHAR_PX + LABEL_PAD_PX;
  return (
    <g style={{ '--dw-edge-color': data.color } as CSSProperties}>
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        data-relation={data.relation}
        data-condition={data.condition}
        interactionWidth={16}
      />
      {data.relation === 'dependency' && data.condition && (
        <g
          className="dw-edge-label"
          transform={`translate(${labelX} ${labelY})`}
          data-condition={data.condition}
          aria-hidden="true"
        >
          <rect
            x={-width / 2}
            y={-LABEL_HEIGHT / 2}
            width={width}
            height={LABEL_HEIGHT}
            rx={LABEL_HEIGHT / 2}
          />
          <text textAnchor="middle" dominantBaseline="central">
            {data.condition}
          </text>
        </g>
      )}
    </g>
  );
}

export const RelationEdge = memo(RelationEdgeView);
