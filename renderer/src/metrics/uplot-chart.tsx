import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { clockTime } from '../ui/clock-time';
import { formatValue, type ChartData, type ChartSeries } from './chart-data';

const AXIS_COLOR = '#8a98a8';
const GRID_COLOR = '#1f2a36';
const FONT = '11px system-ui, sans-serif';

const axis = (extra: uPlot.Axis): uPlot.Axis => ({
  stroke: AXIS_COLOR,
  font: FONT,
  grid: { stroke: GRID_COLOR, width: 1 },
  ticks: { stroke: GRID_COLOR, width: 1, size: 4 },
  ...extra,
});

/** Times of day only: the window is ten minutes, the date says nothing. */
const timeTicks = (_u: uPlot, splits: number[]) => splits.map((s) => clockTime(s * 1000));

const stepped = uPlot.paths.stepped?.({ align: 1 });

function seriesOptions(s: ChartSeries): uPlot.Series {
  const base: uPlot.Series = { label: s.label, stroke: s.color, width: 1.5 };
  switch (s.style) {
    // A total holds its value until it moves: drawn across the gaps between samples.
    case 'step':
      return { ...base, paths: stepped, spanGaps: true, points: { show: false } };
    case 'points':
      return { ...base, paths: () => null, points: { show: true, size: 7, fill: s.color, stroke: s.color } };
    case 'line':
      return { ...base, points: { show: false } };
  }
}

const shapeOf = (chart: ChartData) => chart.series.map((s) => `${s.label}|${s.color}|${s.style}`).join(';');

/** From zero (most series are totals or usage), with room above the highest value. */
const yRange: uPlot.Range.Function = (_u, min, max) => [
  Math.min(0, min ?? 0),
  max === null || !Number.isFinite(max) || max <= 0 ? 1 : max * 1.15,
];

export interface UplotChartProps {
  chart: ChartData;
  /** A time (epoch seconds) marked with a dashed line: the current run's start. */
  marker: number | null;
  /** The sample index under the cursor, or null when the cursor left. */
  onHover: (index: number | null) => void;
}

/**
 * One uPlot chart that fills its box. The instance is made once per mount: samples go in with
 * `setData`, a changed set of series is swapped in place, and a resize of the box resizes the
 * chart. Everything is released on unmount.
 */
export function UplotChart({ chart, marker, onHover }: UplotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = useRef('');
  const latest = useRef({ chart, marker, onHover });

  useEffect(() => {
    latest.current = { chart, marker, onHover };
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const format = (_u: uPlot, splits: number[]) =>
      splits.map((v) => formatValue(latest.current.chart.unit, v));
    const u = new uPlot(
      {
        width: Math.max(element.clientWidth, 1),
        height: Math.max(element.clientHeight, 1),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        scales: { x: { time: true }, y: { range: yRange } },
        axes: [axis({ values: timeTicks, size: 28, space: 72 }), axis({ values: format, size: 64 })],
        series: [{}],
        hooks: {
          setCursor: [(self) => latest.current.onHover(self.cursor.idx ?? null)],
          draw: [(self) => drawMarker(self, latest.current.marker)],
        },
      },
      [[]],
      element,
    );
    plot.current = u;
    apply(u, latest.current.chart, shape);
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() =>
            u.setSize({ width: Math.max(element.clientWidth, 1), height: Math.max(element.clientHeight, 1) }),
          );
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      u.destroy();
      plot.current = null;
      shape.current = '';
    };
  }, []);

  useEffect(() => {
    if (plot.current) apply(plot.current, chart, shape);
  }, [chart]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [marker]);

  return <div ref={box} className="metric-chart__plot" />;
}

/** Puts the chart's series and samples into the plot; the series only when they changed. */
function apply(u: uPlot, chart: ChartData, shape: { current: string }): void {
  const next = shapeOf(chart);
  if (next !== shape.current) {
    for (let i = u.series.length - 1; i >= 1; i--) u.delSeries(i);
    chart.series.forEach((s, i) => u.addSeries(seriesOptions(s), i + 1));
    shape.current = next;
  }
  u.setData([chart.x, ...chart.series.map((s) => s.values)] as uPlot.AlignedData);
}

function drawMarker(u: uPlot, at: number | null): void {
  if (at === null) return;
  const x = u.valToPos(at, 'x', true);
  const { left, top, width, height } = u.bbox;
  if (!Number.isFinite(x) || x < left || x > left + width) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = AXIS_COLOR;
  ctx.fillStyle = AXIS_COLOR;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, top);
  ctx.lineTo(Math.round(x) + 0.5, top + height);
  ctx.stroke();
  ctx.font = `${10 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.fillText('run', x + 4 * devicePixelRatio, top + 11 * devicePixelRatio);
  ctx.restore();
}
