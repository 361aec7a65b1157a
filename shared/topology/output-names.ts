/** Where a job writes its outputs, in its container; given to it as `DOCKWRIGHT_OUTPUT`. */
export const OUTPUT_PATH = '/dockwright/output';
export const OUTPUT_VARIABLE = 'DOCKWRIGHT_OUTPUT';

/** `<JOB>` of `<JOB>_<KEY>`: the job id upper-cased, every character but A-Z and 0-9 as `_`. */
export function outputPrefix(jobId: string): string {
  return jobId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
