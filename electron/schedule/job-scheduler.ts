import type { RunSummary, ScheduleEntry } from '../../shared/ipc/contract';
import { nextTick } from '../../shared/topology/cron';
import { scheduleOf, type JobSchedule } from '../../shared/topology/workflow-parts';
import type { Topology } from '../../shared/topology';
import { systemClock, type Clock, type Timer } from '../common/clock';
import type { Logger } from '../common/logger';

/** A tick of a job: the run it started, and when that run ends. */
export interface TickRun {
  runId: string;
  done: Promise<RunSummary>;
}

export interface JobSchedulerOptions {
  logger: Logger;
  clock?: Clock;
  /** Starts the job's run for the tick due at `tickAt` (epoch ms). */
  start: (job: ScheduledJob, tickAt: number) => Promise<TickRun>;
  onStatus?: (entry: ScheduleEntry) => void;
  /** A timer is never set further ahead than this; past it the next tick is worked out again. */
  maxTimerMs?: number;
}

/** What the scheduler runs: one job of a project's topology. */
export interface ScheduledJob {
  project: string;
  nodeId: string;
  schedule: JobSchedule;
  topology: Topology;
  baseDir?: string;
}

interface Slot {
  job: ScheduledJob;
  entry: ScheduleEntry;
  nextAt?: number;
  timer?: Timer;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Runs jobs on their cron schedules while the process lives. A job never overlaps itself: a tick
 * that comes while the job's previous run is still going is skipped, counted and said. Time is a
 * `Clock`, so tests skip through hours of ticks.
 */
export class JobScheduler {
  private readonly projects = new Map<string, Slot[]>();
  private readonly clock: Clock;
  private disposed = false;

  constructor(private readonly options: JobSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Schedules the topology's scheduled jobs (replacing the project's earlier ones); returns the stop. */
  watch(project: string, topology: Topology, baseDir?: string): () => void {
    this.stop(project);
    const slots: Slot[] = [];
    for (const [nodeId, node] of Object.entries(topology.spec.nodes)) {
      if (node.kind !== 'job' || node.schedule === undefined) continue;
      const { cron, timezone } = scheduleOf(node.schedule);
      const job: ScheduledJob = {
        project,
        nodeId,
        schedule: node.schedule,
        topology,
        ...(baseDir ? { baseDir } : {}),
      };
      slots.push({
        job,
        entry: { project, nodeId, cron, ...(timezone ? { timezone } : {}), running: false, skipped: 0 },
      });
    }
    if (slots.length === 0) return () => {};
    this.projects.set(project, slots);
    for (const slot of slots) this.arm(slot, this.clock.now());
    this.options.logger.info({ project, jobs: slots.map((s) => s.job.nodeId) }, 'jobs scheduled');
    return () => {
      if (this.projects.get(project) === slots) this.stop(project);
    };
  }

  list(): ScheduleEntry[] {
    return [...this.projects.values()].flat().map((slot) => ({ ...slot.entry }));
  }

  private stop(project: string): void {
    for (const slot of this.projects.get(project) ?? []) {
      if (slot.timer) this.clock.clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.nextAt = undefined;
    }
    this.projects.delete(project);
  }

  private live(slot: Slot): boolean {
    return !this.disposed && (this.projects.get(slot.job.project)?.includes(slot) ?? false);
  }

  /** Sets the timer for the first tick after `after`. */
  private arm(slot: Slot, after: number): void {
    if (!this.live(slot)) return;
    const next = nextTick(slot.job.schedule, after);
    slot.nextAt = next;
    if (next === undefined) {
      delete slot.entry.nextRunAt;
      this.tell(slot);
      return;
    }
    slot.entry.nextRunAt = iso(next);
    this.tell(slot);
    this.wait(slot, next);
  }

  private wait(slot: Slot, due: number): void {
    const delay = Math.max(0, due - this.clock.now());
    const maxTimer = this.options.maxTimerMs ?? 60 * 60_000;
    slot.timer = this.clock.setTimeout(
      () => {
        slot.timer = undefined;
        if (!this.live(slot)) return;
        if (this.clock.now() < due) this.wait(slot, due);
        else this.tick(slot, due);
      },
      Math.min(delay, maxTimer),
    );
    slot.timer.unref?.();
  }

  private tick(slot: Slot, due: number): void {
    const { project, nodeId } = slot.job;
    if (slot.entry.running) {
      slot.entry.skipped++;
      slot.entry.lastSkippedAt = iso(due);
      this.options.logger.warn(
        { project, nodeId, tick: iso(due), runId: slot.entry.lastRunId },
        'scheduled tick skipped: the previous run of the job is still going',
      );
    } else {
      slot.entry.running = true;
      slot.entry.lastRunAt = iso(due);
      this.launch(slot, due);
    }
    // The next tick after this one, never this one again (a slow start does not repeat it).
    this.arm(slot, Math.max(due, this.clock.now()));
  }

  private launch(slot: Slot, due: number): void {
    const { project, nodeId } = slot.job;
    const finished = () => {
      slot.entry.running = false;
      this.tell(slot);
    };
    this.options
      .start(slot.job, due)
      .then((run) => {
        slot.entry.lastRunId = run.runId;
        this.tell(slot);
        this.options.logger.info(
          { project, nodeId, runId: run.runId, tick: iso(due) },
          'scheduled run started',
        );
        return run.done;
      })
      .then(finished, (error: unknown) => {
        this.options.logger.warn(
          { err: error, project, nodeId, tick: iso(due) },
          'scheduled run could not start',
        );
        finished();
      });
  }

  private tell(slot: Slot): void {
    if (this.live(slot)) this.options.onStatus?.({ ...slot.entry });
  }

  dispose(): void {
    for (const project of [...this.projects.keys()]) this.stop(project);
    this.disposed = true;
  }
}
