import { useId, useMemo } from 'react';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { buildCharts, metricNodes } from './chart-data';
import { MetricChart } from './metric-chart';
import './metrics.css';

const selectBuffer = (s: AppState) => s.metrics;
const selectVersion = (s: AppState) => s.metricsVersion;
const selectNode = (s: AppState) => s.metricsNode;
const selectProject = (s: AppState) => s.run?.project ?? s.doc.metadata.name;
const selectRunStart = (s: AppState) => s.run?.startedAt;

/**
 * Live charts of the key series (pushed about every second): CPU and memory per service, health
 * failures and restarts, runs, node durations, Docker API latency, retries and timeouts. Series
 * labelled with a project show the current one's; pick a node to see only its series.
 */
export function MetricsPanel() {
  const buffer = useAppStore(selectBuffer);
  const version = useAppStore(selectVersion);
  const node = useAppStore(selectNode);
  const project = useAppStore(selectProject);
  const runStart = useAppStore(selectRunStart);
  const store = useAppStoreApi();
  const pickerId = useId();

  const { nodes, charts } = useMemo(
    () => ({ nodes: metricNodes(buffer, project), charts: buildCharts(buffer, { project, node }) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer is mutable: version says when it changed
    [buffer, project, node, version],
  );
  const marker = runStart ? Date.parse(runStart) / 1000 : null;
  const samples = buffer.length;

  return (
    <div className="metrics">
      <div className="metrics__bar" role="toolbar" aria-label="Metrics controls">
        <span className="metrics__field">
          <label htmlFor={pickerId}>Node</label>
          <select
            id={pickerId}
            value={node ?? ''}
            onChange={(event) => store.getState().setMetricsNode(event.target.value || null)}
          >
            <option value="">All nodes</option>
            {node !== null && !nodes.includes(node) && <option value={node}>{node}</option>}
            {nodes.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </span>
        <span className="metrics__note" data-testid="metrics-samples">
          {project} · {samples === 0 ? 'waiting for the first sample' : `${samples} samples, one a second`}
        </span>
      </div>
      <div className="metrics__grid">
        {charts.map((chart) => (
          <MetricChart key={chart.id} chart={chart} marker={marker} />
        ))}
      </div>
    </div>
  );
}
