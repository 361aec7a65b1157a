import { execFileSync } from 'node:child_process';

/**
 * A single-node Swarm on the test engine, for as short as the tests need it: joined only when the
 * engine is in none (`docker swarm init --advertise-addr 127.0.0.1`), and left (`docker swarm
 * leave --force`) only by whoever initialized it. Plain containers of other tests running at the
 * same time are not affected by swarm mode.
 */
export interface TestSwarm {
  /** Whether this process initialized the Swarm (and so leaves it). */
  readonly initialized: boolean;
  leave(): void;
}

const swarmState = (): string =>
  execFileSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'], { encoding: 'utf8' }).trim();

export function joinTestSwarm(): TestSwarm {
  let initialized = false;
  if (swarmState() !== 'active') {
    try {
      execFileSync('docker', ['swarm', 'init', '--advertise-addr', '127.0.0.1'], { stdio: 'pipe' });
      initialized = true;
    } catch (error) {
      // Another process initialized it a moment before: use that one, and leave it to them.
      if (swarmState() !== 'active') throw error;
    }
  }
  return {
    initialized,
    leave() {
      if (!initialized) return;
      execFileSync('docker', ['swarm', 'leave', '--force'], { stdio: 'pipe' });
      initialized = false;
    },
  };
}
