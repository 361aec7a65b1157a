// Test support for the web mode's attack tests (imported by *.test.ts files only): the set-up
// they share, as vitest hooks.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { WebLimits } from '../server/web-limits';
import { startAttackTarget, watchUncaughtErrors, type AttackTarget } from './web-attack-kit';

/** Every refusal is logged, so a test can look for the one it caused. */
const LOG_EVERY_REFUSAL: Partial<WebLimits> = { refusalLogBurst: 1_000 };

/**
 * For every test of the file: fails the test when something threw that nothing handled while it
 * ran (each such error would have ended the real process).
 */
export function failOnUncaughtErrors(): void {
  let uncaught: ReturnType<typeof watchUncaughtErrors>;
  beforeEach(() => {
    uncaught = watchUncaughtErrors();
  });
  afterEach(() => {
    uncaught.stop();
    // Each of these would have ended the real process.
    expect(uncaught.errors).toEqual([]);
  });
}

/** One server for all the tests of the file, started before the first and stopped after the last. */
export function attackTargetForFile(limits: Partial<WebLimits> = {}): () => AttackTarget {
  let target: AttackTarget | undefined;
  beforeAll(async () => {
    target = await startAttackTarget({ ...LOG_EVERY_REFUSAL, ...limits });
  });
  afterAll(() => target?.stop());
  return () => {
    if (!target) throw new Error('the attack target starts before the tests');
    return target;
  };
}

/** Starts a server with the limits a test gives (one a test at the most); it stops after the test. */
export function attackTargetPerTest(): (limits?: Partial<WebLimits>) => Promise<AttackTarget> {
  let target: AttackTarget | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
  });
  return async (limits = {}) => {
    target = await startAttackTarget({ ...LOG_EVERY_REFUSAL, ...limits });
    return target;
  };
}
