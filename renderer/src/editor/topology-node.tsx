import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { KillButton, NodeHealthBadge, useNodeHealthState } from '../health/node-health';
import type { TopologyFlowNode } from './flow-mapping';
import { KindIcon } from './kind-icon';
import { formatPort, KIND_LOOK, nodeSubtitle, STATE_LOOK, stateText } from './node-look';
import { noteRender } from './render-probe';
import { useAppStore } from '../store/store-context';
import type { NodeRunState } from '../../../shared/ipc/contract';
import type { JobSchedule } from '../../../shared/topology/workflow-parts';
import { cardScheduleText, jobScheduleState, longTime, NOT_TICKING } from '../schedule/schedule-text';

const MAX_PORTS = 3;
/** Run states in which a service's containers run, so "Kill" has something to kill. */
const KILLABLE = new Set(['running', 'healthy']);

/** This node's run state: a run event re-renders the one card it is about. */
function useNodeRunState(nodeId: string): NodeRunState | undefined {
  return useAppStore((s) => s.nodeStates[nodeId]);
}

/**
 * A node card: kind, name, image, ports, problems and the live run state. Upstream on the left:
 * the target handle (what this node needs) is on the left, the source handle on the right.
 */
function TopologyNodeView({ id, data, selected }: NodeProps<TopologyFlowNode>) {
  noteRender('node', id);
  const { node, issues } = data;
  const run = useNodeRunState(id);
  const look = KIND_LOOK[node.kind];
  const ports = node.kind === 'service' ? (node.ports ?? []) : [];
  const state = run ? STATE_LOOK[run.state] : undefined;
  const replicas = node.kind === 'service' && node.replicas !== undefined && node.replicas !== 1;
  const subtitle = nodeSubtitle(node);
  const health = useNodeHealthState(id);
  const killable = node.kind === 'service' && run !== undefined && KILLABLE.has(run.state);
  const classes = ['dw-node', `dw-node--${node.kind}`];
  if (state) classes.push(`dw-node--${state.tone}`);
  if (selected) classes.push('dw-node--selected');
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-state={run?.state}
      data-health={health}
      style={{ '--dw-kind': look.color } as CSSProperties}
    >
      <Handle type="target" position={Position.Left} className="dw-handle dw-handle--target" />
      <div className="dw-node__head">
        <span className="dw-node__kind">
          <KindIcon kind={node.kind} size={14} />
          {look.word}
        </span>
        {issues && issues.errors > 0 && (
          <span
            className="dw-node__issues dw-node__issues--error"
            title={issues.messages.join('\n')}
            aria-label={`${issues.errors} ${issues.errors === 1 ? 'error' : 'errors'}`}
          >
            <span aria-hidden="true">✕ </span>
            {issues.errors}
          </span>
        )}
        {issues && issues.warnings > 0 && (
          <span
            className="dw-node__issues dw-node__issues--warning"
            title={issues.messages.join('\n')}
            aria-label={`${issues.warnings} ${issues.warnings === 1 ? 'warning' : 'warnings'}`}
          >
            <span aria-hidden="true">⚠ </span>
            {issues.warnings}
          </span>
        )}
        {health && <NodeHealthBadge nodeId={id} state={health} />}
        {killable && <KillButton nodeId={id} />}
      </div>
      <div className="dw-node__name" title={id}>
        {id}
        {replicas && <span className="dw-node__replicas"> ×{node.replicas}</span>}
      </div>
      <div className="dw-node__sub" title={subtitle}>
        {subtitle}
      </div>
      <div className="dw-node__foot">
        {node.kind === 'job' && node.schedule !== undefined && (
          <JobScheduleBadge nodeId={id} schedule={node.schedule} />
        )}
        <span className="dw-node__ports">
          {ports.slice(0, MAX_PORTS).map((p, i) => (
            <span key={i} className="dw-node__port">
              {formatPort(p)}
            </span>
          ))}
          {ports.length > MAX_PORTS && <span className="dw-node__port">+{ports.length - MAX_PORTS}</span>}
        </span>
        {run && state && (
          <span
            className={`dw-state dw-state--${state.tone}`}
            title={run.error?.message ?? run.reason ?? stateText(run)}
          >
            <span className="dw-state__icon" aria-hidden="true">
              {state.icon}
            </span>
            {stateText(run)}
            {run.tasks && <TaskCount tasks={run.tasks} job={node.kind === 'job'} />}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="dw-handle dw-handle--source" />
    </div>
  );
}

/** A scheduled job's next tick (and ticks skipped), or "not ticking" when nothing runs its schedule. */
function JobScheduleBadge({ nodeId, schedule }: { nodeId: string; schedule: JobSchedule }) {
  const state = useAppStore((s) => jobScheduleState(s, nodeId));
  const text = cardScheduleText(state, schedule);
  const title =
    state.kind === 'off'
      ? NOT_TICKING
      : state.kind === 'on' && state.entry.nextRunAt
        ? `Next run ${longTime(state.entry.nextRunAt)} (${state.entry.cron})`
        : `Scheduled: ${text}`;
  return (
    <span
      className={`dw-node__schedule${state.kind === 'off' ? ' dw-node__schedule--off' : ''}`}
      data-testid={`schedule-${nodeId}`}
      title={title}
    >
      <ClockIcon />
      {text}
    </span>
  );
}

/** A clock, drawn (a typed ⏱ shows as a box where no emoji font is installed). */
function ClockIcon() {
  return (
    <svg
      className="dw-node__schedule-icon"
      width={10}
      height={10}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M8 1.75a6.25 6.25 0 1 0 0 12.5A6.25 6.25 0 0 0 8 1.75zM8 4.5V8l2.5 1.75"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** On a Swarm: "2/3 running", the service's tasks up (a job's: completed) of those wanted. */
function TaskCount({ tasks, job }: { tasks: NonNullable<NodeRunState['tasks']>; job: boolean }) {
  const word = job ? 'completed' : 'running';
  const label = `${tasks.running} of ${tasks.desired} ${tasks.desired === 1 ? 'task' : 'tasks'} ${word}`;
  return (
    <>
      <span aria-hidden="true"> · </span>
      {/* An image of its words: a screen reader says the label, not "1 slash 2". */}
      <span className="dw-state__tasks" role="img" aria-label={label} title={label}>
        {tasks.running}/{tasks.desired} {word}
      </span>
    </>
  );
}

export const TopologyNode = memo(TopologyNodeView);
