import type { NodeProps } from '@xyflow/react';
import type { NodeRunState } from '../../../shared/ipc/contract';
import type { TopologyNode } from '../../../shared/topology';
import type { TopologyFlowNode } from '../editor/flow-mapping';

/** What React Flow hands a node card, for rendering `TopologyNode` alone in a test. */
export function cardProps(id: string, node: TopologyNode, run?: NodeRunState): NodeProps<TopologyFlowNode> {
  return {
    id,
    type: 'topology',
    data: { node, run, issues: undefined },
    selected: false,
    dragging: false,
    zIndex: 0,
    selectable: true,
    deletable: true,
    draggable: true,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
  };
}
