import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../compose/import';
import { SAMPLE_ENV, SAMPLES_ABSENT_REASON, SAMPLES_FROM_COMPOSE_TESTS } from '../testing/compose-samples';
import { missingWaits } from '../testing/k8s-export';
import { kubeSchemaErrors } from '../testing/k8s-validate';
import { isContainer } from '../topology/model';
import { exportKubernetes } from './export';
import { isDnsLabel } from './names';

// shared/k8s sits as deep as shared/compose, so the samples are the same relative path away.
const SAMPLES = path.resolve(__dirname, SAMPLES_FROM_COMPOSE_TESTS);
const SAMPLES_ABSENT = existsSync(SAMPLES) ? undefined : SAMPLES_ABSENT_REASON;

const samples = SAMPLES_ABSENT
  ? []
  : readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.yaml'))
      .sort();

describe.skipIf(SAMPLES_ABSENT)(
  `compose samples to Kubernetes${SAMPLES_ABSENT ? ` (skipped: ${SAMPLES_ABSENT})` : ''}`,
  () => {
    it('finds the 16 samples beside the repository', () => {
      expect(samples.length).toBeGreaterThanOrEqual(16);
    });

    describe.each(samples)('%s', (sample) => {
      const imported = importCompose(readFileSync(path.join(SAMPLES, sample), 'utf8'), {
        env: SAMPLE_ENV,
        fileName: path.join(SAMPLES, sample),
      });
      if (!imported.ok) throw new Error(`${sample} does not import`);
      const { topology } = imported;
      const out = exportKubernetes(topology);

      it('exports a workload per service and job, and every object validates against the schema', () => {
        const workloads = out.objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind));
        expect(workloads).toHaveLength(Object.values(topology.spec.nodes).filter(isContainer).length);
        expect(kubeSchemaErrors(out.objects)).toEqual([]);
        for (const object of out.objects) expect(isDnsLabel(object.metadata?.name ?? '')).toBe(true);
      });

      it('keeps every dependency as an init container', () => {
        expect(missingWaits(topology, out)).toEqual([]);
      });
    });
  },
);
