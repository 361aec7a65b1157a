import { describe, expect, it } from 'vitest';
import type { Logger } from '../common/logger';
import { createRefusalLog } from './refusal-log';

function recordingLogger() {
  const lines: Array<{ fields: object; message: string | undefined }> = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (fields, message) => void lines.push({ fields: fields as object, message }),
    child: () => logger,
  };
  return { logger, lines };
}

describe('createRefusalLog', () => {
  it('logs each refusal up to the burst, then counts the rest and says so in the next window', () => {
    let now = 0;
    const { logger, lines } = recordingLogger();
    const log = createRefusalLog(logger, { burst: 2, windowMs: 1_000, now: () => now });
    for (let index = 0; index < 5; index++) log.refuse({ status: 403, reason: 'foreign origin', path: '/x' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      fields: { status: 403, reason: 'foreign origin', path: '/x' },
      message: 'request refused',
    });
    now = 1_000;
    log.refuse({ status: 400, reason: 'bad target' });
    expect(lines.map((line) => line.message)).toEqual([
      'request refused',
      'request refused',
      'refusals not logged in the last window',
      'request refused',
    ]);
    expect(lines[2]!.fields).toEqual({ suppressed: 3 });
  });

  it('cuts a long path short', () => {
    const { logger, lines } = recordingLogger();
    createRefusalLog(logger, { burst: 5, windowMs: 1_000 }).refuse({
      status: 401,
      reason: 'r',
      path: '/' + 'p'.repeat(5_000),
    });
    expect((lines[0]!.fields as { path: string }).path).toHaveLength(200);
  });
});
