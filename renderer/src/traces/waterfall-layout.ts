import type { SpanData } from '../../../shared/ipc/contract';

/*
 * The waterfall's geometry, apart from React: spans -> a tree nested by parent -> the visible rows
 * with their depth and their bar's offset and width as fractions of the time window.
 */

export interface SpanNode {
  readonly span: SpanData;
  readonly children: SpanNode[];
}

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

export interface WaterfallRow {
  readonly span: SpanData;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly collapsed: boolean;
  /** Where the bar starts, 0 (window start) to 1 (window end), clamped. */
  readonly offset: number;
  /** The bar's length as a fraction of the window, clamped to what is inside it. */
  readonly width: number;
  readonly durationMs: number;
  /** Still running: the bar grows to `now`. */
  readonly open: boolean;
  /** No part of the span is inside the window (zoomed elsewhere). */
  readonly outside: boolean;
}

const byStart = (a: SpanNode, b: SpanNode) =>
  a.span.startTime - b.span.startTime || a.span.spanId.localeCompare(b.span.spanId);

/**
 * Nests spans by parent, children in start order. A span whose parent is not among them (not
 * arrived yet, or in another process that exports elsewhere) is a root, so nothing is hidden.
 */
export function buildSpanTree(spans: Iterable<SpanData>): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) nodes.set(span.spanId, { span, children: [] });
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.span.parentSpanId;
    const parent = parentId !== undefined && parentId !== node.span.spanId ? nodes.get(parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // A parent cycle (never from a real tracer) would leave spans unreachable: show them as roots.
  const reachable = new Set<string>();
  const visit = (node: SpanNode) => {
    reachable.add(node.span.spanId);
    for (const child of node.children) if (!reachable.has(child.span.spanId)) visit(child);
  };
  roots.forEach(visit);
  for (const node of nodes.values()) {
    if (reachable.has(node.span.spanId)) continue;
    const parent = nodes.get(node.span.parentSpanId!);
    if (parent) parent.children.splice(parent.children.indexOf(node), 1);
    roots.push(node);
    visit(node);
  }
  const sort = (list: SpanNode[]) => {
    list.sort(byStart);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** A span's end, or `now` while it is open. */
export function spanEnd(span: SpanData, now: number): number {
  return span.endTime ?? Math.max(now, span.startTime);
}

/** The whole trace: from its first start to its last end (open spans end at `now`). */
export function traceWindow(spans: Iterable<SpanData>, now: number): TimeWindow {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    start = Math.min(start, span.startTime);
    end = Math.max(end, spanEnd(span, now));
  }
  if (!Number.isFinite(start)) return { start: now, end: now + 1 };
  return { start, end: Math.max(end, start + 1) };
}

export interface LayoutOptions {
  readonly window: TimeWindow;
  readonly now: number;
  /** Span ids whose children are hidden. */
  readonly collapsed: ReadonlySet<string>;
}

/** The rows to draw, depth first, skipping the children of collapsed spans. */
export function layoutWaterfall(roots: readonly SpanNode[], options: LayoutOptions): WaterfallRow[] {
  const { window, now, collapsed } = options;
  const range = Math.max(window.end - window.start, 1e-6);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const rows: WaterfallRow[] = [];
  const walk = (node: SpanNode, depth: number) => {
    const { span } = node;
    const end = spanEnd(span, now);
    const from = clamp((span.startTime - window.start) / range);
    const to = clamp((end - window.start) / range);
    const isCollapsed = collapsed.has(span.spanId) && node.children.length > 0;
    rows.push({
      span,
      depth,
      hasChildren: node.children.length > 0,
      collapsed: isCollapsed,
      offset: from,
      width: to - from,
      durationMs: end - span.startTime,
      open: span.endTime === undefined,
      outside: end < window.start || span.startTime > window.end,
    });
    if (!isCollapsed) for (const child of node.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return rows;
}

/** A duration the way a person reads it: 840 µs, 12.3 ms, 1.24 s, 2 m 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} m ${String(seconds).padStart(2, '0')} s`;
}

export interface AxisTick {
  /** 0..1 across the window. */
  readonly offset: number;
  /** Time since the window's start. */
  readonly label: string;
}

function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1) return `${+(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${+ms.toFixed(3)} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(3)} s`;
  return formatDuration(ms);
}

/** Round-numbered ticks (1, 2 or 5 × 10^n ms apart), about `target` of them. */
export function axisTicks(window: TimeWindow, target = 6): AxisTick[] {
  const range = window.end - window.start;
  if (!(range > 0)) return [];
  const rough = range / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: AxisTick[] = [];
  for (let t = 0; t <= range + step * 1e-9; t += step) {
    ticks.push({ offset: t / range, label: tickLabel(t) });
  }
  return ticks;
}
