import {
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { TaskEvent } from '../executor';
import type { DockwrightMetrics } from './metrics';
import { ATTR, SPAN, SPAN_EVENT, type Outcome } from './names';

/** What the tracer needs to know of a task: the group (node) it belongs to, and labels. */
export interface TaskInfo {
  /** Tasks of one group share one span (a node: its start and health tasks). */
  readonly group: string;
  /** Bounded: the node kind. */
  readonly kind: string;
  readonly phase: string;
  /** The circuit breaker in front of the task's target, for rejection counts. */
  readonly breaker?: string;
}

interface Group {
  span: Span | undefined;
  context: Context | undefined;
  readonly kind: string;
  readonly startedAt: number;
  remaining: number;
  ran: boolean;
  ended: boolean;
  failed: boolean;
  cancelled: boolean;
}

/** A task as the tracer keeps it: its info, and its attempt spans' name and attributes, made once. */
interface Prepared {
  readonly info: TaskInfo;
  readonly attemptName: string;
  /** Every attribute of an attempt span but the attempt numbers. */
  readonly attemptAttributes: Attributes;
}

/**
 * Turns the executor's task events into spans and metrics: one span per group (a node), one child
 * span per attempt of each of its tasks, retries as events on the group. Attempts run inside their
 * span's context (see `contextOf`), so the Docker calls they make nest under them. What a span
 * carries is prepared once per task; an ended group lets go of its span (a run of 10,000 tasks
 * keeps no spans alive but the open ones).
 */
export class TaskTracer {
  private readonly groups = new Map<string, Group>();
  private readonly sizes = new Map<string, number>();
  private readonly attempts = new Map<string, { span: Span; context: Context }>();
  private readonly tasks = new Map<string, Prepared>();

  constructor(
    private readonly tracer: Tracer,
    private readonly metrics: DockwrightMetrics | undefined,
    private readonly parent: Context,
    tasks: Iterable<readonly [taskId: string, info: TaskInfo]>,
    private readonly attributes: Attributes = {},
  ) {
    for (const [taskId, info] of tasks) {
      this.tasks.set(taskId, {
        info,
        attemptName: SPAN.attempt(info.phase),
        attemptAttributes: { ...attributes, [ATTR.nodeId]: info.group, [ATTR.phase]: info.phase },
      });
      this.sizes.set(info.group, (this.sizes.get(info.group) ?? 0) + 1);
    }
  }

  /** The context an attempt of the task runs in (its attempt span, else its group's). */
  contextOf(taskId: string): Context {
    const attempt = this.attempts.get(taskId);
    if (attempt) return attempt.context;
    const task = this.tasks.get(taskId);
    return (task && this.groups.get(task.info.group)?.context) ?? this.parent;
  }

  /** The group's span context (a node's), while it is open. */
  groupContext(group: string): Context | undefined {
    return this.groups.get(group)?.context;
  }

  setGroupAttributes(group: string, attributes: Attributes): void {
    this.groups.get(group)?.span?.setAttributes(attributes);
  }

  onEvent(event: TaskEvent): void {
    const task = this.tasks.get(event.taskId);
    if (!task) return;
    const info = task.info;
    switch (event.state) {
      case 'running': {
        const group = this.group(info);
        group.ran = true;
        const parent = group.context ?? this.parent;
        const attributes: Attributes = { ...task.attemptAttributes, [ATTR.attempt]: event.attempt ?? 1 };
        if (event.maxAttempts) attributes[ATTR.maxAttempts] = event.maxAttempts;
        const span = this.tracer.startSpan(task.attemptName, { attributes }, parent);
        this.attempts.set(event.taskId, { span, context: trace.setSpan(parent, span) });
        break;
      }
      case 'retrying': {
        this.endAttempt(event, 'failed');
        this.metrics?.taskRetries.inc({ kind: info.kind });
        this.countError(info, event);
        this.groups.get(info.group)?.span?.addEvent(SPAN_EVENT.retry, {
          [ATTR.attempt]: event.attempt ?? 0,
          [ATTR.retryDelayMs]: event.delayMs ?? 0,
          ...(event.error
            ? { [ATTR.errorType]: event.error.kind, [ATTR.errorMessage]: event.error.message }
            : {}),
        });
        break;
      }
      case 'succeeded':
        this.endAttempt(event, 'succeeded');
        this.settle(info, event);
        break;
      case 'failed':
        this.endAttempt(event, 'failed');
        this.countError(info, event);
        this.settle(info, event);
        break;
      case 'cancelled':
      case 'skipped':
        this.endAttempt(event, event.state);
        this.settle(info, event);
        break;
      default:
        break;
    }
  }

  /** Ends whatever is still open (a run that ended abnormally); idempotent. */
  endAll(): void {
    for (const { span } of this.attempts.values()) span.end();
    this.attempts.clear();
    for (const group of this.groups.values()) {
      group.span?.end();
      release(group);
    }
  }

  private group(info: TaskInfo): Group {
    let group = this.groups.get(info.group);
    if (!group) {
      const span = this.tracer.startSpan(
        SPAN.node(info.group),
        { attributes: { ...this.attributes, [ATTR.nodeId]: info.group, [ATTR.nodeKind]: info.kind } },
        this.parent,
      );
      group = {
        span,
        context: trace.setSpan(this.parent, span),
        kind: info.kind,
        startedAt: performance.now(),
        remaining: this.sizes.get(info.group) ?? 1,
        ran: false,
        ended: false,
        failed: false,
        cancelled: false,
      };
      this.groups.set(info.group, group);
    }
    return group;
  }

  private countError(info: TaskInfo, event: TaskEvent): void {
    if (event.error?.kind === 'timeout') this.metrics?.taskTimeouts.inc({ kind: info.kind });
    if (event.error?.kind === 'circuit-open' && info.breaker)
      this.metrics?.breakerRejections.inc({ breaker: info.breaker });
  }

  private endAttempt(event: TaskEvent, outcome: Outcome): void {
    const attempt = this.attempts.get(event.taskId);
    if (!attempt) return;
    this.attempts.delete(event.taskId);
    markOutcome(attempt.span, outcome, event);
    attempt.span.end();
  }

  /** One task of the group reached its end; the group ends with its last task. */
  private settle(info: TaskInfo, event: TaskEvent): void {
    const group = this.group(info);
    if (group.ended) return;
    if (event.state === 'failed') group.failed = true;
    if (event.state === 'cancelled') group.cancelled = true;
    const span = group.span;
    if (!span) return;
    if (event.state === 'failed' || event.state === 'cancelled' || event.state === 'skipped') {
      if (event.reason) span.addEvent(event.state, { [ATTR.reason]: event.reason });
    }
    group.remaining -= 1;
    if (group.remaining > 0 && event.state === 'succeeded') return;
    // A failed, skipped or cancelled task ends its group: the group's other tasks will be skipped.
    release(group);
    const outcome: Outcome = group.failed
      ? 'failed'
      : group.cancelled
        ? 'cancelled'
        : group.ran
          ? 'succeeded'
          : 'skipped';
    markOutcome(span, outcome, event);
    span.end();
    if (group.ran) {
      this.metrics?.nodeDuration.observe(
        { kind: group.kind, outcome },
        (performance.now() - group.startedAt) / 1000,
      );
    }
  }
}

/** An ended group keeps its counts, not its span: nothing refers to the span any more. */
function release(group: Group): void {
  group.ended = true;
  group.span = undefined;
  group.context = undefined;
}

function markOutcome(span: Span, outcome: Outcome, event: TaskEvent): void {
  span.setAttribute(ATTR.outcome, outcome);
  if (outcome === 'failed') {
    span.setAttribute(ATTR.errorType, event.error?.kind ?? 'unknown');
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.error?.message ?? 'failed' });
  }
}
