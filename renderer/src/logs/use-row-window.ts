import { useEffect, useState, type RefObject } from 'react';

export interface RowWindow {
  /** First row to draw. */
  readonly start: number;
  /** One past the last row to draw. */
  readonly end: number;
}

/*
 * Windowing for rows of one fixed height, in O(rows on screen) per render. A general virtualizer
 * (TanStack's) keeps a measurement per row and rebuilds them when the count changes: with a log
 * growing by thousands of rows a frame, that is O(all rows) per frame. Here the window is plain
 * arithmetic on the scroll offset; when following, it is the last screenful whatever the offset.
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  options: { overscan: number; pinnedToEnd: boolean },
): RowWindow & { onScroll: () => void } {
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () =>
      setViewport((current) =>
        current.height === element.clientHeight && current.top === element.scrollTop
          ? current
          : { top: element.scrollTop, height: element.clientHeight },
      );
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);

  const onScroll = () => {
    const element = scroller.current;
    if (element) setViewport({ top: element.scrollTop, height: element.clientHeight });
  };
  const visible = Math.ceil(viewport.height / rowHeight) + 1;
  const { overscan } = options;
  if (options.pinnedToEnd) {
    return { start: Math.max(0, count - visible - overscan), end: count, onScroll };
  }
  const first = Math.floor(viewport.top / rowHeight);
  return {
    start: Math.min(count, Math.max(0, first - overscan)),
    end: Math.min(count, first + visible + overscan),
    onScroll,
  };
}
