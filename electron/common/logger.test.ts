import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for';
import { withContext } from './trace-context';
import { createLogger, logFile } from './logger';
import { formatLine } from './pretty-stream';
import { MASK, SecretValues } from './secret-values';

const dataDir = mkdtempSync(path.join(tmpdir(), 'dw-log-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the structured logger', () => {
  it('writes JSON lines to the data directory, carrying run, node and the active trace', async () => {
    const terminal: string[] = [];
    const logger = createLogger({
      dataDir,
      stderrLevel: 'warn',
      stderr: { write: (text: string) => terminal.push(text), isTTY: false },
    });
    const span = new BasicTracerProvider().getTracer('test').startSpan('op');
    withContext(trace.setSpan(ROOT_CONTEXT, span), () =>
      logger.child({ runId: 'r1', nodeId: 'db' }).warn({ attempt: 2 }, 'retrying'),
    );
    logger.child({ runId: 'r2', traceId: 'explicit' }).info('bound trace wins');
    const file = logFile(dataDir);
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').split('\n').length > 2);
    const [first, second] = readFileSync(logFile(dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({
      level: 40,
      msg: 'retrying',
      runId: 'r1',
      nodeId: 'db',
      attempt: 2,
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
    });
    expect(second).toMatchObject({ runId: 'r2', traceId: 'explicit' });
    // Only warnings reach the terminal, as JSON when it is not a TTY.
    expect(terminal).toHaveLength(1);
    expect(JSON.parse(terminal[0]!)).toMatchObject({ msg: 'retrying' });
  });

  it('prints concise lines for a person at a terminal', () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 1, 12, 0, 1, 123),
      msg: 'engine status',
      component: 'docker-engine',
      runId: 'r1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      state: 'disconnected',
      reason: 'connection refused',
    });
    expect(formatLine(line, false)).toBe(
      '12:00:01.123 WARN  engine status component=docker-engine runId=r1 traceId=4bf92f35 state=disconnected reason="connection refused"\n',
    );
  });

  it('keeps secrets out: known fields redacted, registered values masked anywhere, the file private', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dw-log-secret-'));
    try {
      const secrets = new SecretValues();
      const terminal: string[] = [];
      const logger = createLogger({
        dataDir: path.join(dir, 'data'),
        secrets,
        stderr: { write: (text: string) => terminal.push(text), isTTY: false },
      });
      secrets.add('canary-7f3a9c');
      logger.warn(
        { env: ['DB_PASSWORD=x'], request: { headers: { authorization: 'Bearer y' } } },
        'engine said: invalid value canary-7f3a9c',
      );
      const file = logFile(path.join(dir, 'data'));
      await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('engine said'));
      const line = readFileSync(file, 'utf8');
      expect(line).not.toContain('canary-7f3a9c');
      expect(line).not.toContain('DB_PASSWORD=x');
      expect(line).not.toContain('Bearer y');
      expect(JSON.parse(line)).toMatchObject({ msg: `engine said: invalid value ${MASK}`, env: MASK });
      expect(terminal.join('')).not.toContain('canary-7f3a9c');
      if (process.platform !== 'win32') {
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
        expect(statSync(path.join(dir, 'data')).mode & 0o777).toBe(0o700);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
