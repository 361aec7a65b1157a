import type { RerunOrigin, RunTrigger } from '../ipc/contract';

/** What started a run, in words: `click`, `cli`, `schedule`, `rerun of <run>[ from <node>]`, `manual`. */
export function triggerText(run: { trigger?: RunTrigger; rerun?: RerunOrigin }): string {
  if (run.trigger === 'rerun' && run.rerun)
    return `rerun of ${run.rerun.of}${run.rerun.from ? ` from ${run.rerun.from}` : ''}`;
  return run.trigger ?? 'manual';
}
