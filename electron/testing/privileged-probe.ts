import { execFileSync } from 'node:child_process';
import { BUSYBOX_IMAGE } from './test-images';

let answer: boolean | undefined;

/**
 * Whether the engine can start a privileged container at all. An engine that itself runs with
 * fewer capabilities (nested in a container) cannot: runc fails with "unable to apply caps".
 */
export function engineRunsPrivileged(): boolean {
  if (answer === undefined) {
    try {
      execFileSync('docker', ['run', '--rm', '--privileged', BUSYBOX_IMAGE, 'true'], { stdio: 'ignore' });
      answer = true;
    } catch {
      answer = false;
    }
  }
  return answer;
}
