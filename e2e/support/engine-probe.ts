import { execFileSync } from 'node:child_process';

let answer: boolean | undefined;

/**
 * Whether the engine can start a privileged container at all. An engine that itself runs with
 * fewer capabilities (nested in a container) cannot: runc fails with "unable to apply caps".
 */
export function engineRunsPrivileged(): boolean {
  if (answer === undefined) {
    try {
      execFileSync('docker', ['run', '--rm', '--privileged', 'dockwright-test/busybox:1', 'true'], {
        stdio: 'ignore',
      });
      answer = true;
    } catch {
      answer = false;
    }
  }
  return answer;
}
