import type { SpanData } from '../../../shared/ipc/contract';
import { formatDuration, spanEnd } from './waterfall-layout';

type AttributeValue = SpanData['attributes'][string];

function show(value: AttributeValue): string {
  return Array.isArray(value) ? `[${value.map((v) => String(v)).join(', ')}]` : String(value);
}

function Attributes({ attributes, quiet }: { attributes: SpanData['attributes']; quiet?: boolean }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return quiet ? null : <p className="span-details__none">None.</p>;
  return (
    <dl className="span-details__attrs">
      {entries.map(([key, value]) => (
        <div key={key} className="span-details__attr">
          <dt title={key}>{key}</dt>
          <dd>{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The selected span: what it did, how long, how it ended, its attributes and events. */
export function SpanDetails(props: { span: SpanData; now: number; onZoom: () => void; onClose: () => void }) {
  const { span, now } = props;
  const open = span.endTime === undefined;
  const duration = spanEnd(span, now) - span.startTime;
  const status = open ? 'running' : span.status.code;
  // OpenTelemetry leaves a span's status unset unless something went wrong.
  const statusText = status === 'unset' ? 'ended, no error' : status;
  return (
    <aside className="span-details" aria-label="Span details">
      <div className="span-details__head">
        <h3 className="span-details__name" title={span.name}>
          {span.name}
        </h3>
        <button type="button" className="traces__button" onClick={props.onZoom}>
          Zoom
        </button>
        <button type="button" className="traces__close" aria-label="Close details" onClick={props.onClose}>
          ×
        </button>
      </div>
      <dl className="span-details__facts">
        <div>
          <dt>Duration</dt>
          <dd>
            {formatDuration(duration)}
            {open ? ' so far' : ''}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd className={`span-details__status span-details__status--${status}`}>
            {statusText}
            {span.status.message ? `: ${span.status.message}` : ''}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{new Date(span.startTime).toLocaleTimeString()}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{span.kind}</dd>
        </div>
        <div>
          <dt>Span</dt>
          <dd className="span-details__id">{span.spanId}</dd>
        </div>
        <div>
          <dt>Trace</dt>
          <dd className="span-details__id">{span.traceId}</dd>
        </div>
      </dl>
      <h4 className="span-details__section">Attributes</h4>
      <Attributes attributes={span.attributes} />
      <h4 className="span-details__section">Events</h4>
      {span.events.length === 0 ? (
        <p className="span-details__none">None.</p>
      ) : (
        <ol className="span-details__events">
          {span.events.map((event, index) => (
            <li key={index}>
              <span className="span-details__event-name">{event.name}</span>{' '}
              <span className="span-details__event-at">+{formatDuration(event.time - span.startTime)}</span>
              <Attributes attributes={event.attributes} quiet />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
