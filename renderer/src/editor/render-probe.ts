/*
 * A hook for tests to count how often each node card and edge renders (what a run event, a drag
 * or a selection costs is the number of components it re-renders). Off unless a test listens: one
 * null check per render.
 */

export type RenderedPart = 'node' | 'edge';

let listener: ((part: RenderedPart, id: string) => void) | null = null;

/** Calls `onRender` for every node card and edge render until the returned function is called. */
export function listenToCanvasRenders(onRender: (part: RenderedPart, id: string) => void): () => void {
  listener = onRender;
  return () => {
    if (listener === onRender) listener = null;
  };
}

export function noteRender(part: RenderedPart, id: string): void {
  listener?.(part, id);
}
