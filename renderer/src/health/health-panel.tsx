import { useMemo, useState } from 'react';
import { HEALTH_SEVERITY } from '../../../shared/ipc/contract';
import type { AppState } from '../store/app-store';
import {
  HEALTH_STATES,
  summarizeHealth,
  type HealthOverview,
  type ServiceHealthView,
} from '../store/health-slice';
import { useAppStore } from '../store/store-context';
import { useNow } from '../traces/use-now';
import { CheckHistory } from './check-history';
import { ago, formatMs, HEALTH_LOOK, recoveryShort, recoveryText, recoveryTone } from './health-look';
import './health.css';

const selectHealth = (s: AppState) => s.health;

/** "3 healthy · 1 degraded", worst last so the eye ends on what needs it. */
export function summaryText(overview: HealthOverview): string {
  return HEALTH_STATES.filter((state) => overview.counts[state] > 0)
    .map((state) => `${overview.counts[state]} ${HEALTH_LOOK[state].word}`)
    .join(' · ');
}

/** Worst first, then by name: the service that needs attention is at the top. */
function ordered(services: Readonly<Record<string, ServiceHealthView>>): ServiceHealthView[] {
  return Object.values(services).sort(
    (a, b) => HEALTH_SEVERITY[b.state] - HEALTH_SEVERITY[a.state] || a.nodeId.localeCompare(b.nodeId),
  );
}

function HealthRow({
  service,
  selected,
  now,
  onSelect,
}: {
  service: ServiceHealthView;
  selected: boolean;
  now: number;
  onSelect: (nodeId: string) => void;
}) {
  const look = HEALTH_LOOK[service.state];
  const check = service.lastCheck;
  const last = service.recoveries.at(-1);
  const reason = service.cause
    ? `${service.reason ?? 'a dependency is down'} (cause: ${service.cause})`
    : service.reason;
  return (
    <tr
      className={`health-row${selected ? ' health-row--selected' : ''}`}
      data-health={service.state}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(service.nodeId)}
    >
      <th scope="row">
        <button type="button" className="health-row__name" aria-pressed={selected}>
          {service.nodeId}
        </button>
      </th>
      <td>
        <span
          className={`health-state health-state--${look.tone}`}
          title={`since ${ago(service.since, now)}`}
        >
          <span aria-hidden="true">{look.icon}</span> {look.word}
        </span>
      </td>
      <td className="health-row__check" title={check?.message ?? check?.check}>
        {check ? (
          <>
            <span className={check.ok ? 'health-ok' : 'health-fail'} aria-hidden="true">
              {check.ok ? '✓' : '✕'}
            </span>{' '}
            {check.ok ? '' : `${check.message ?? 'failed'} · `}
            {formatMs(check.durationMs)} · <span className="health__muted">{ago(check.at, now)}</span>
          </>
        ) : (
          <span className="health__muted">—</span>
        )}
      </td>
      <td className="health-row__reason" title={reason}>
        {reason ?? <span className="health__muted">—</span>}
      </td>
      <td className="health-row__num" data-testid={`health-restarts-${service.nodeId}`}>
        {service.restarts}
      </td>
      <td className="health-row__recovery" title={last ? `${recoveryText(last)}: ${last.reason}` : undefined}>
        {last ? (
          <>
            <span className={`health-dot health-dot--${recoveryTone(last)}`} aria-hidden="true" />
            {recoveryShort(last)}
          </>
        ) : (
          <span className="health__muted">none</span>
        )}
      </td>
    </tr>
  );
}

/**
 * The services of the current run and their health: state, last check, reason, restarts and
 * recoveries; a service picked in the table shows its check history beside it.
 */
export function HealthPanel() {
  const health = useAppStore(selectHealth);
  const [picked, setPicked] = useState<string | null>(null);
  const services = useMemo(() => ordered(health.services), [health.services]);
  const overview = useMemo(() => summarizeHealth(health.services), [health.services]);
  const now = useNow(services.length > 0, 1_000);

  if (services.length === 0) {
    return (
      <div className="health">
        <p className="health__empty">
          No health yet: run the topology, and its services show here once they are up and watched.
        </p>
      </div>
    );
  }
  const selected = services.find((s) => s.nodeId === picked) ?? services[0]!;
  const overall = overview.overall ? HEALTH_LOOK[overview.overall] : undefined;
  return (
    <div className="health">
      <div className="health__bar">
        {overall && (
          <span
            className={`health-state health-state--${overall.tone}`}
            data-testid="health-overall"
            data-health={overview.overall}
          >
            <span aria-hidden="true">{overall.icon}</span> {overall.word}
          </span>
        )}
        <span className="health__summary" data-testid="health-summary">
          {summaryText(overview)}
        </span>
        <span className="health__muted">
          {health.project}
          {health.monitoring ? ' · watched live' : ' · from the run history (not watched now)'}
        </span>
      </div>
      <div className="health__body">
        <div className="health__table-wrap">
          <table className="health-table" aria-label="Health">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">State</th>
                <th scope="col">Last check</th>
                <th scope="col">Reason</th>
                <th scope="col">Restarts</th>
                <th scope="col">Recoveries</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <HealthRow
                  key={service.nodeId}
                  service={service}
                  selected={service === selected}
                  now={now}
                  onSelect={setPicked}
                />
              ))}
            </tbody>
          </table>
        </div>
        <CheckHistory service={selected} now={now} />
      </div>
    </div>
  );
}
