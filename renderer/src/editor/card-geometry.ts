import { Position, type NodeHandle } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../../../shared/topology';

/*
 * A node card's size and handles, known in advance. The card has a fixed size (editor.css:
 * `.dw-node`, 220 x 96) and its two handles sit at the middle of its left and right sides
 * (`.dw-handle`, 11 x 11, centred on the side by React Flow's own CSS). Handing React Flow these
 * figures with each node spares it measuring a thousand cards in the DOM (a layout read of each
 * card and its handles) before it can draw an edge or fit the view.
 */

export const CARD_WIDTH = NODE_WIDTH;
export const CARD_HEIGHT = NODE_HEIGHT;
/** `.react-flow__handle.dw-handle` in editor.css: width and height, borders included. */
export const HANDLE_SIZE = 11;

const handleY = CARD_HEIGHT / 2 - HANDLE_SIZE / 2;

/** Shared by every node: React Flow only reads them. */
export const CARD_HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: Position.Left,
    x: -HANDLE_SIZE / 2,
    y: handleY,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
  {
    type: 'source',
    position: Position.Right,
    x: CARD_WIDTH - HANDLE_SIZE / 2,
    y: handleY,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  },
];
