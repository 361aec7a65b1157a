// Runs inside the benchmark pages: records when the graph is drawn, and frame times.
declare global {
  interface Window {
    __bench: {
      /** Every node in the DOM (drawn or still hidden for measuring), ms since navigation. */
      nodesInDomMs?: number;
      /** Every node shown and every edge drawn, after the first fit: what a user sees. */
      firstRenderMs?: number;
      frames: number[];
      recording: boolean;
    };
  }
}

/** The viewport's scale: 1 until the first fit zooms out to show the whole graph. */
function viewportScale(): number {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const match = /scale\(([\d.]+)\)/.exec(viewport?.style.transform ?? '');
  return match ? Number(match[1]) : 1;
}

/**
 * Sets `__bench.nodesInDomMs` once `nodes` node elements exist, and `__bench.firstRenderMs` once
 * none of them is hidden, `edges` edges are drawn and the view has been fitted.
 */
export function markReady(nodes: number, edges: number): void {
  window.__bench = { frames: [], recording: false };
  const check = () => {
    const now = performance.now();
    if (
      window.__bench.nodesInDomMs === undefined &&
      document.querySelectorAll('.react-flow__node').length >= nodes
    )
      window.__bench.nodesInDomMs = now;
    const drawn =
      window.__bench.nodesInDomMs !== undefined &&
      document.querySelector('.react-flow__node[style*="visibility: hidden"]') === null &&
      document.querySelectorAll('.react-flow__edge').length >= edges &&
      viewportScale() !== 1;
    if (drawn) {
      window.__bench.firstRenderMs = now;
      // Marks split a trace (BENCH_TRACE) into loading and gestures.
      performance.mark('bench:drawn');
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  let last = performance.now();
  const frame = (now: number) => {
    if (window.__bench.recording) window.__bench.frames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
