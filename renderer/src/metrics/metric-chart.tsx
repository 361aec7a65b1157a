import { memo, useCallback, useState } from 'react';
import { clockTime } from '../ui/clock-time';
import { formatValue, type ChartData, type Values } from './chart-data';
import { UplotChart } from './uplot-chart';

/** The value at `index`, or (no cursor) the newest value the series has. */
function valueAt(values: Values, index: number | null): number | null {
  if (index !== null) return values[index] ?? null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return null;
}

/** A titled chart with its legend: each series' newest value, or the one under the cursor. */
export const MetricChart = memo(function MetricChart({
  chart,
  marker,
}: {
  chart: ChartData;
  marker: number | null;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const onHover = useCallback((index: number | null) => setHover(index), []);
  const index = hover !== null && hover < chart.x.length ? hover : null;
  return (
    <figure
      className="metric-chart"
      aria-label={chart.title}
      data-testid={`chart-${chart.id}`}
      data-points={chart.x.length}
      data-series={chart.series.length}
    >
      <figcaption className="metric-chart__title">
        {chart.title}
        {index !== null && <span className="metric-chart__at">{clockTime(chart.x[index]! * 1000)}</span>}
      </figcaption>
      <div className="metric-chart__body">
        <UplotChart chart={chart} marker={marker} onHover={onHover} />
        {chart.series.length === 0 && <p className="metric-chart__empty">{chart.empty}</p>}
      </div>
      {chart.series.length > 0 && (
        <ul className="metric-chart__legend" aria-label={`${chart.title}: values`}>
          {chart.series.map((s) => (
            <li key={s.label}>
              <span className="metric-chart__swatch" style={{ background: s.color }} aria-hidden="true" />
              <span className="metric-chart__label">{s.label}</span>
              <span className="metric-chart__value">{formatValue(chart.unit, valueAt(s.values, index))}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
});
