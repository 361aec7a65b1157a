import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/program';
import { captureIo } from '../testing/capture-io';
import { testProjectName } from '../testing/docker-project';
import { startOtlpReceiver } from '../testing/otlp-receiver';
import { BUSYBOX_IMAGE } from '../testing/test-images';
import { topology } from '../testing/topologies';

describe('dockwright up', () => {
  it('exports the run trace to the OTLP endpoint in its environment before it exits', async () => {
    const receiver = await startOtlpReceiver();
    const work = mkdtempSync(path.join(tmpdir(), 'dw-up-otlp-'));
    const project = testProjectName('dwtest-upotlp');
    const file = path.join(work, 'dockwright.yaml');
    writeFileSync(
      file,
      stringify(topology(project, { hello: { kind: 'job', image: BUSYBOX_IMAGE, command: ['true'] } })),
    );
    const env = {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'dockwright-cli-test',
    };
    const never = { staticDir: '/nonexistent', untilStopped: () => new Promise(() => {}) };
    try {
      const up = captureIo(env);
      expect(await runCli(['up', file, '--data-dir', path.join(work, 'data')], up.io, never)).toBe(0);
      const names = receiver.spans.map((span) => span.name);
      expect(names).toEqual(
        expect.arrayContaining([`run ${project}`, 'node hello', 'job', 'docker container.create']),
      );
      expect(receiver.spans[0]?.resource['service.name']).toBe('dockwright-cli-test');
      expect(new Set(receiver.spans.map((span) => span.traceId)).size).toBe(1);
    } finally {
      await runCli(['down', '-p', project, '--data-dir', path.join(work, 'data')], captureIo(env).io, never);
      await receiver.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
