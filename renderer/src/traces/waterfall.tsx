import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { axisTicks, formatDuration, type TimeWindow, type WaterfallRow } from './waterfall-layout';

export const SPAN_ROW_HEIGHT = 22;
const INDENT = 14;

export interface WaterfallProps {
  rows: readonly WaterfallRow[];
  window: TimeWindow;
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
  onZoom: (spanId: string) => void;
}

function barTone(row: WaterfallRow): string {
  if (row.span.status.code === 'error') return 'error';
  if (row.open) return 'open';
  return row.span.kind === 'client' ? 'client' : 'internal';
}

/** Faint vertical lines at the axis ticks, drawn as one repeating background per row. */
function gridStyle(window: TimeWindow): CSSProperties {
  const ticks = axisTicks(window);
  const step = ticks[1]?.offset;
  if (!step) return {};
  const pct = step * 100;
  return {
    backgroundImage: `repeating-linear-gradient(90deg, var(--line) 0, var(--line) 1px, transparent 1px, transparent ${pct}%)`,
  };
}

const SpanRow = memo(function SpanRow(props: {
  row: WaterfallRow;
  top: number;
  selected: boolean;
  grid: CSSProperties;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
  onZoom: (spanId: string) => void;
}) {
  const { row, selected } = props;
  const { span } = row;
  const duration = formatDuration(row.durationMs);
  const tone = barTone(row);
  // The duration label sits after the bar, or inside its end when the bar reaches the right edge.
  const labelInside = row.offset + row.width > 0.85;
  return (
    <div
      role="row"
      aria-label={`${span.name} ${duration}${row.open ? ' (running)' : ''}`}
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? !row.collapsed : undefined}
      aria-selected={selected}
      data-span-id={span.spanId}
      data-status={row.open ? 'open' : span.status.code}
      className={`span-row${selected ? ' span-row--selected' : ''}${row.outside ? ' span-row--outside' : ''}`}
      style={{ transform: `translateY(${props.top}px)`, height: SPAN_ROW_HEIGHT }}
      onClick={() => props.onSelect(span.spanId)}
      onDoubleClick={() => props.onZoom(span.spanId)}
    >
      <div role="gridcell" className="span-row__name" style={{ paddingLeft: 4 + row.depth * INDENT }}>
        {row.hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            className="span-row__toggle"
            aria-label={row.collapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(span.spanId);
            }}
            onDoubleClick={(event) => event.stopPropagation()}
          >
            {row.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="span-row__toggle" aria-hidden="true" />
        )}
        <span className={`span-row__dot span-row__dot--${tone}`} aria-hidden="true" />
        <span className="span-row__label" title={span.name}>
          {span.name}
        </span>
      </div>
      <div role="gridcell" className="span-row__track" style={props.grid}>
        <div
          className={`span-bar span-bar--${tone}`}
          style={{ left: `${row.offset * 100}%`, width: `${row.width * 100}%` }}
        />
        <span
          className={`span-row__duration${labelInside ? ' span-row__duration--inside' : ''}`}
          style={
            labelInside
              ? { right: `${(1 - row.offset - row.width) * 100}%` }
              : { left: `${(row.offset + row.width) * 100}%` }
          }
        >
          {duration}
          {row.open ? ' …' : ''}
        </span>
      </div>
    </div>
  );
});

/**
 * Spans as rows nested by parent with a bar each on a shared time axis; only the rows on screen
 * are in the DOM. Click selects, double click zooms; the arrows move, Left/Right fold, Enter zooms.
 */
export function Waterfall(props: WaterfallProps) {
  const { rows, selectedSpanId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; the virtualizer's functions are read each render.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => SPAN_ROW_HEIGHT,
    overscan: 10,
  });
  const selectedIndex = rows.findIndex((row) => row.span.spanId === selectedSpanId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    const current = rows[selectedIndex];
    const move = (index: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (row) props.onSelect(row.span.spanId);
    };
    if (event.key === 'ArrowDown') move(selectedIndex + 1);
    else if (event.key === 'ArrowUp') move(selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (current && event.key === 'Enter') props.onZoom(current.span.spanId);
    else if (current?.hasChildren && event.key === (current.collapsed ? 'ArrowRight' : 'ArrowLeft'))
      props.onToggle(current.span.spanId);
    else return;
    event.preventDefault();
  };

  const ticks = axisTicks(props.window);
  const grid = gridStyle(props.window);
  return (
    <div className="waterfall">
      <div className="waterfall__axis" aria-hidden="true">
        <div className="waterfall__axis-name">Span</div>
        <div className="waterfall__axis-track">
          {ticks.map((tick) => (
            <span
              key={tick.offset}
              className={`waterfall__tick${tick.offset > 0.94 ? ' waterfall__tick--end' : ''}`}
              style={{ left: `${tick.offset * 100}%` }}
            >
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="waterfall__rows"
        role="treegrid"
        aria-label="Waterfall"
        aria-rowcount={rows.length}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="waterfall__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <SpanRow
                key={row.span.spanId}
                row={row}
                top={item.start}
                selected={row.span.spanId === selectedSpanId}
                grid={grid}
                onSelect={props.onSelect}
                onToggle={props.onToggle}
                onZoom={props.onZoom}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
