import { z } from 'zod';

/*
 * The contract's run-history parts: rerunning a run from where it failed, listing a project's
 * runs, and opening one run (its kept log tail and trace). The run summary itself is in
 * contract.ts.
 */

const ProjectName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a project name: lowercase letters, digits, - and _');
const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const NodeIdInput = z.string().min(1).max(128);

/** How much run history is kept: runs by count and age, log lines per node of each run. */
export const HISTORY_DEFAULTS = { maxRuns: 200, maxAgeDays: 30, logLinesPerNode: 200 } as const;

export const HistoryLimits = z.strictObject({
  /** Runs kept at most (the newest); older ones are pruned. */
  maxRuns: z.number().int().min(1).max(100_000),
  /** Runs older than this many days are pruned. */
  maxAgeDays: z.number().int().min(1).max(36_500),
});
export type HistoryLimits = z.infer<typeof HistoryLimits>;

/** A job's outputs: `KEY=VALUE` lines it wrote to `$DOCKWRIGHT_OUTPUT`. */
export const JobOutputs = z.record(z.string(), z.string());
export type JobOutputs = z.infer<typeof JobOutputs>;

/** What a rerun reran: the run it started from and, when asked, the node it reran from. */
export const RerunOrigin = z.object({ of: RunId, from: z.string().optional() });
export type RerunOrigin = z.infer<typeof RerunOrigin>;

/**
 * `runs.rerun`: the project's last run (or the run named) again, from where it failed: nodes that
 * failed, were cancelled or skipped, and their dependents, run again; with `from`, that node and
 * its dependents.
 */
export const RerunInput = z
  .strictObject({
    project: ProjectName.optional(),
    runId: RunId.optional(),
    from: NodeIdInput.optional(),
    /** One per intent, as for `runs.start`; one is made when absent. */
    idempotencyKey: z.string().min(1).max(128).optional(),
    /** The fingerprint of the dangerous settings agreed to (see CONSENT_REQUIRED). */
    consent: z.string().max(128).optional(),
  })
  .refine((input) => (input.project === undefined) !== (input.runId === undefined), 'a project or a runId');
export type RerunInput = z.infer<typeof RerunInput>;

export const HistoryInput = z.strictObject({
  project: ProjectName.optional(),
  /** Newest first, at most this many (default 200). */
  limit: z.number().int().min(1).max(10_000).optional(),
});

export const KeptLogLine = z.object({
  nodeId: z.string(),
  stream: z.enum(['stdout', 'stderr', 'system']),
  text: z.string(),
  at: z.iso.datetime(),
});
export type KeptLogLine = z.infer<typeof KeptLogLine>;
