import { useEffect, useMemo, useState } from 'react';
import type { RunDetails, SpanData } from '../../../shared/ipc/contract';
import { triggerText } from '../../../shared/text/run-trigger';
import { useApi } from '../api/api-context';
import { STATE_LOOK, stateText } from '../editor/node-look';
import { OutputsTable } from '../run/outputs-table';
import { rerun, rerunBlockedReason } from '../run/rerun-actions';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { Waterfall } from '../traces/waterfall';
import { buildSpanTree, formatDuration, layoutWaterfall, traceWindow } from '../traces/waterfall-layout';

const selectTraces = (s: AppState) => s.traces;
const selectRerunBlocked = (s: AppState) => {
  const reason = rerunBlockedReason(s);
  // The last run shown succeeding does not keep an older failed run from being rerun.
  return reason?.startsWith('The last run succeeded') ? null : reason;
};

/** The run's trace: the spans kept with it, else those still in the live buffer. */
function useRunSpans(details: RunDetails | null): SpanData[] {
  const traces = useAppStore(selectTraces);
  return useMemo(() => {
    if (!details) return [];
    if (details.spans.length > 0) return details.spans;
    const live = traces.findLast((trace) => trace.runId === details.summary.runId);
    return live ? [...live.spans.values()] : [];
  }, [details, traces]);
}

function RunTrace({ spans }: { spans: readonly SpanData[] }) {
  const [selected, setSelected] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  // A kept trace has ended; its open spans (if any) are drawn up to when it was opened.
  const [now] = useState(() => Date.now());
  const roots = useMemo(() => buildSpanTree(spans), [spans]);
  const window = useMemo(() => traceWindow(spans, now), [spans, now]);
  const rows = useMemo(
    () => layoutWaterfall(roots, { window, now, collapsed }),
    [roots, window, now, collapsed],
  );
  if (spans.length === 0) return <p className="history__empty">No trace was kept for this run.</p>;
  return (
    <div className="run-details__trace" data-testid="run-details-trace">
      <p className="run-details__note">
        {spans.length} spans · {formatDuration(window.end - window.start)}
      </p>
      <Waterfall
        rows={rows}
        window={window}
        selectedSpanId={selected}
        onSelect={setSelected}
        onToggle={(spanId) =>
          setCollapsed((current) => {
            const next = new Set(current);
            if (next.has(spanId)) next.delete(spanId);
            else next.add(spanId);
            return next;
          })
        }
        onZoom={setSelected}
      />
    </div>
  );
}

/** One run of the history opened: its nodes and outputs, its trace, the kept tail of its logs. */
export function RunDetailsView({ runId, onBack }: { runId: string; onBack: () => void }) {
  const api = useApi();
  const store = useAppStoreApi();
  const [details, setDetails] = useState<RunDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rerunReason = useAppStore(selectRerunBlocked);
  const spans = useRunSpans(details);

  useEffect(() => {
    let live = true;
    api.runs
      .details({ runId })
      .then((found) => live && setDetails(found))
      .catch(
        (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    return () => {
      live = false;
    };
  }, [api, runId]);

  const summary = details?.summary;
  const nodes = summary ? Object.values(summary.nodes).sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)) : [];
  return (
    <div className="history run-details" data-testid="run-details">
      <div className="history__bar" role="toolbar" aria-label="Run controls">
        <button type="button" className="history__button" onClick={onBack}>
          ← All runs
        </button>
        <span className="run-details__title">
          Run {runId}
          {summary && (
            <>
              {' '}
              · <span className={`history__state history__state--${summary.state}`}>
                {summary.state}
              </span> · {triggerText(summary)} · {summary.project}
            </>
          )}
        </span>
        <button
          type="button"
          className="history__button"
          disabled={rerunReason !== null || summary?.state === 'running'}
          title={rerunReason ?? 'Rerun this run from where it failed'}
          onClick={() => void rerun(api, store, { runId })}
        >
          ↻ Rerun
        </button>
      </div>
      {error && (
        <p className="history__error" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <div className="run-details__body">
          <section aria-label="Nodes">
            <h3 className="run-details__heading">Nodes</h3>
            <table className="history__table">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col">State</th>
                  <th scope="col">Action</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((node) => {
                  const look = STATE_LOOK[node.state];
                  return (
                    <tr key={node.nodeId} data-testid={`run-node-${node.nodeId}`}>
                      <th scope="row">{node.nodeId}</th>
                      <td className={`dw-state dw-state--${look.tone}`}>
                        <span aria-hidden="true">{look.icon}</span> {stateText(node)}
                      </td>
                      <td>{node.action ?? ''}</td>
                      <td>{node.error?.message ?? node.reason ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {nodes
              .filter((node) => node.outputs && Object.keys(node.outputs).length > 0)
              .map((node) => (
                <div key={node.nodeId} className="run-details__outputs">
                  <h4 className="run-details__heading">Outputs of {node.nodeId}</h4>
                  <OutputsTable jobId={node.nodeId} outputs={node.outputs ?? {}} />
                </div>
              ))}
          </section>
          <section aria-label="Trace">
            <h3 className="run-details__heading">Trace</h3>
            <RunTrace spans={spans} />
          </section>
          <section aria-label="Logs">
            <h3 className="run-details__heading">Last log lines</h3>
            {details.logs.length === 0 ? (
              <p className="history__empty">No log lines were kept for this run.</p>
            ) : (
              <pre className="run-details__logs" data-testid="run-details-logs">
                {details.logs.map((line) => `${line.nodeId} | ${line.text}`).join('\n')}
              </pre>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
