// Runs inside the benchmark pages: records when every node is in the DOM, and frame times.
declare global {
  interface Window {
    __bench: { firstRenderMs?: number; frames: number[]; recording: boolean };
  }
}

/** Sets `__bench.firstRenderMs` (since navigation start) once `count` nodes are rendered. */
export function markReady(count: number): void {
  window.__bench = { frames: [], recording: false };
  const check = () => {
    if (document.querySelectorAll('.react-flow__node').length >= count) {
      window.__bench.firstRenderMs = performance.now();
      return;
    }
    requestAnimationFrame(check);
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
