import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LogStream } from '../store/log-buffer';
import type { AppState } from '../store/app-store';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { copyText } from '../ui/clipboard';
import { rowsAsText } from './log-rows-text';
import { LOG_ROW_HEIGHT, LogLine } from './log-line';
import { ALL_STREAMS, LogView, type LogFilter } from './log-view';
import { useRowWindow } from './use-row-window';
import './logs.css';

const selectLogs = (s: AppState) => s.logs;
const selectVersion = (s: AppState) => s.logsVersion;
const selectFilter = (s: AppState) => s.logFilter;
const selectSetFilter = (s: AppState) => s.setLogFilter;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Container logs of the run: follow, search, filter by node and stream, copy, clear. Only the
 * rows on screen are in the DOM, and the panel renders at most once per frame however fast lines
 * come, so a burst of 50,000 lines keeps the window responsive.
 */
export function LogsPanel() {
  const store = useAppStoreApi();
  const logs = useAppStore(selectLogs);
  const version = useAppStore(selectVersion);
  const { nodeId, streams, query } = useAppStore(selectFilter);
  const setFilter = useAppStore(selectSetFilter);
  const [follow, setFollow] = useState(true);
  const [copied, setCopied] = useState<string | null>(null);
  const deferredQuery = useDeferredValue(query);
  const [view] = useState(() => new LogView());
  const scroller = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  const nodeSelectId = useId();

  const filter = useMemo<LogFilter>(
    () => ({ nodeId, streams, query: deferredQuery }),
    [nodeId, streams, deferredQuery],
  );
  // The view is brought up to date here, in O(new lines); `version` is what says there are some.
  const shown = useMemo(() => {
    view.update(logs, filter);
    return { rows: view.rows.length, lines: view.lines, dropped: view.dropped, version };
  }, [view, logs, filter, version]);
  const nodeIds = useMemo(() => {
    const ids = logs.nodeIds();
    if (nodeId !== null && !ids.includes(nodeId)) ids.push(nodeId);
    return ids.sort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer is mutable: version says when it changed
  }, [logs, version, nodeId]);

  const rowWindow = useRowWindow(scroller, shown.rows, LOG_ROW_HEIGHT, { overscan: 8, pinnedToEnd: follow });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (follow && element) {
      // Past the end on purpose: the browser clamps it, without asking for the height first.
      element.scrollTop = shown.rows * LOG_ROW_HEIGHT;
      lastTop.current = element.scrollTop;
    }
  }, [follow, shown]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  // Scrolling up pauses following; scrolling back to the bottom resumes it.
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    rowWindow.onScroll();
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < LOG_ROW_HEIGHT;
    if (atBottom && !follow) setFollow(true);
    else if (!atBottom && follow && element.scrollTop < lastTop.current) setFollow(false);
    lastTop.current = element.scrollTop;
  };

  const toggleStream = (stream: LogStream) => {
    const next = new Set(streams);
    if (next.has(stream)) next.delete(stream);
    else next.add(stream);
    setFilter({ streams: next });
  };

  const copy = async () => {
    const copied = await copyText(rowsAsText(view.rows, nodeId === null));
    setCopied(
      copied
        ? `Copied ${count(view.rows.length)} lines`
        : 'Copy failed: select the lines and copy them by hand.',
    );
  };

  const needle = deferredQuery.toLowerCase();
  const showNode = nodeId === null;
  return (
    <div className="logs">
      <div className="logs__bar" role="toolbar" aria-label="Log controls">
        <input
          className="logs__search"
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          value={query}
          onChange={(event) => setFilter({ query: event.target.value })}
        />
        <span className="logs__field">
          <label htmlFor={nodeSelectId}>Node</label>
          <select
            id={nodeSelectId}
            value={nodeId ?? ''}
            onChange={(event) => setFilter({ nodeId: event.target.value || null })}
          >
            <option value="">All nodes</option>
            {nodeIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </span>
        <div className="logs__streams" role="group" aria-label="Streams">
          {ALL_STREAMS.map((stream) => (
            <label key={stream} className={`logs__stream logs__stream--${stream}`}>
              <input type="checkbox" checked={streams.has(stream)} onChange={() => toggleStream(stream)} />
              {stream}
            </label>
          ))}
        </div>
        <span className="logs__count" data-testid="log-count">
          {count(shown.lines)} {shown.lines === 1 ? 'line' : 'lines'}
        </span>
        {shown.dropped > 0 && (
          <span className="logs__dropped" data-testid="log-dropped">
            {count(shown.dropped)} dropped
          </span>
        )}
        <span className="logs__spacer" />
        {copied && (
          <span className="logs__note" role="status">
            {copied}
          </span>
        )}
        <button
          type="button"
          className="logs__button"
          aria-pressed={follow}
          title={follow ? 'Stop following new lines' : 'Scroll with new lines'}
          onClick={() => setFollow(!follow)}
        >
          {follow ? 'Pause' : 'Follow'}
        </button>
        <button type="button" className="logs__button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="logs__button" onClick={() => store.getState().clearLogs()}>
          Clear
        </button>
      </div>
      <div
        ref={scroller}
        className="logs__list"
        role="log"
        aria-label="Logs"
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        {shown.rows === 0 ? (
          <p className="logs__empty">
            {logs.size === 0
              ? 'No logs yet: run the topology to see its containers’ output.'
              : 'No line matches.'}
          </p>
        ) : (
          <div className="logs__sizer" style={{ height: shown.rows * LOG_ROW_HEIGHT }}>
            <div className="logs__window" style={{ top: rowWindow.start * LOG_ROW_HEIGHT }}>
              {view.rows.slice(rowWindow.start, rowWindow.end).map((entry, slot) => (
                // Keyed by place, not by line: a screen of new lines (a burst, followed) updates
                // the rows' text in place instead of making and dropping every row's elements.
                <LogLine key={slot} entry={entry} needle={needle} showNode={showNode} />
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
