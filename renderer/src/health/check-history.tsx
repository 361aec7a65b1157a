import type { HealthCheckResult } from '../../../shared/ipc/contract';
import type { ServiceHealthView } from '../store/health-slice';
import { clockTime } from '../ui/clock-time';
import { ago, formatMs, HEALTH_LOOK, recoveryText, recoveryTone } from './health-look';

const LISTED = 12;
const BAR = 6;
const GAP = 2;
const HEIGHT = 36;

/** One bar per check, oldest on the left; height by latency, colour and a gap mark by verdict. */
function Sparkline({ checks }: { checks: readonly HealthCheckResult[] }) {
  const passed = checks.filter((c) => c.ok);
  const slowest = Math.max(1, ...passed.map((c) => c.durationMs));
  const width = Math.max(checks.length * (BAR + GAP) - GAP, 1);
  const failed = checks.length - passed.length;
  return (
    <svg
      className="check-spark"
      role="img"
      aria-label={`${checks.length} checks, ${failed} failed, slowest pass ${formatMs(slowest)}`}
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
    >
      {checks.map((c, i) => {
        // A pass stands at least 40% high (its latency adds the rest); a failure is drawn full
        // height in red: it is what the eye should find.
        const h = c.ok ? HEIGHT * (0.4 + 0.5 * (c.durationMs / slowest)) : HEIGHT;
        return (
          <rect
            key={`${c.at}|${i}`}
            className={c.ok ? 'check-spark__ok' : 'check-spark__fail'}
            x={i * (BAR + GAP)}
            y={HEIGHT - h}
            width={BAR}
            height={h}
            rx={1.5}
          >
            <title>{`${c.ok ? 'passed' : 'failed'} · ${formatMs(c.durationMs)}${c.message ? ` · ${c.message}` : ''}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** A service's detail: its state, the recent checks as a sparkline and a list, and its recoveries. */
export function CheckHistory({ service, now }: { service: ServiceHealthView; now: number }) {
  const look = HEALTH_LOOK[service.state];
  const recent = service.checks.slice(-LISTED).reverse();
  return (
    <section className="health-detail" aria-label={`Check history of ${service.nodeId}`}>
      <header className="health-detail__head">
        <strong>{service.nodeId}</strong>
        <span className={`health-state health-state--${look.tone}`}>
          <span aria-hidden="true">{look.icon}</span> {look.word}
        </span>
        <span className="health-detail__since">since {ago(service.since, now)}</span>
      </header>
      {service.checks.length > 0 ? (
        <>
          <Sparkline checks={service.checks} />
          <ol className="health-detail__checks" aria-label="Recent checks">
            {recent.map((c, i) => (
              <li key={`${c.at}|${i}`} className={c.ok ? 'is-ok' : 'is-fail'}>
                <span className="health-detail__verdict" aria-hidden="true">
                  {c.ok ? '✓' : '✕'}
                </span>
                <span className="health-detail__time">{clockTime(c.at)}</span>
                <span className="health-detail__check">{c.check}</span>
                <span className="health-detail__latency">{formatMs(c.durationMs)}</span>
                <span className="health-detail__message" title={c.message}>
                  {c.ok ? 'passed' : 'failed'}
                  {c.message ? `: ${c.message}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="health__muted">No check results yet.</p>
      )}
      {service.recoveries.length > 0 && (
        <ol className="health-detail__recoveries" aria-label="Recoveries">
          {[...service.recoveries].reverse().map((r, i) => (
            <li key={`${r.at}|${i}`}>
              <span className={`health-dot health-dot--${recoveryTone(r)}`} aria-hidden="true" />
              <span className="health-detail__time">{clockTime(r.at)}</span>
              <span>{recoveryText(r)}</span>
              <span className="health__muted" title={r.reason}>
                {r.reason}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
