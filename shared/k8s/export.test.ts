import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importCompose } from '../compose/import';
import { exportNodes, missingWaits } from '../testing/k8s-export';
import { kubeSchemaErrors } from '../testing/k8s-validate';
import { arbitraryDag, makeTopology, threeTier } from '../testing/topologies';
import type { Topology } from '../topology/model';
import { exportKubernetes } from './export';
import { KIND_ORDER, type KubeObject } from './k8s-types';
import { isDnsLabel } from './names';

const FIXTURES = path.resolve(__dirname, '../compose/test-fixtures');

function fixture(file: string): Topology {
  const result = importCompose(readFileSync(path.join(FIXTURES, file), 'utf8'), { env: {}, fileName: file });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.topology;
}

const names = (objects: readonly KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata?.name}`);

describe('exportKubernetes', () => {
  const topology = threeTier();
  const out = exportKubernetes(topology);

  it('writes every object as one YAML document, in kind order, then by name', () => {
    const docs = parseAllDocuments(out.yaml);
    expect(Array.isArray(docs) && docs.map((d) => d.toJS() as unknown)).toEqual(out.objects);
    const ranks = out.objects.map((o) => KIND_ORDER.indexOf(o.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('is deterministic', () => {
    expect(exportKubernetes(topology).yaml).toBe(out.yaml);
  });

  it('names one file per object, numbered by kind so a folder applies in order', () => {
    expect(out.files.map((f) => f.name)).toEqual(
      out.objects.map(
        (o) =>
          `${String(KIND_ORDER.indexOf(o.kind) + 1).padStart(2, '0')}-${o.kind.toLowerCase()}-${o.metadata?.name}.yaml`,
      ),
    );
    expect(out.files.map((f) => f.yaml).join('---\n')).toBe(out.yaml);
    expect(new Set(out.files.map((f) => f.name)).size).toBe(out.files.length);
  });

  it('puts every object in the namespace, with the project labels and a DNS-1123 name', () => {
    for (const object of exportKubernetes(topology, { namespace: 'shop' }).objects) {
      expect(object.metadata?.namespace).toBe('shop');
      expect(object.metadata?.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'demo',
        'app.kubernetes.io/managed-by': 'dockwright',
      });
      expect(isDnsLabel(object.metadata?.name ?? '')).toBe(true);
    }
  });

  it('keeps every dependency as an init container, and every object validates', () => {
    expect(missingWaits(topology, out)).toEqual([]);
    expect(kubeSchemaErrors(out.objects)).toEqual([]);
  });

  it.each(['tricky.yaml', 'unsupported.yaml'])(
    '%s: every object validates, every dependency waits',
    (file) => {
      const t = fixture(file);
      const result = exportKubernetes(t);
      expect(kubeSchemaErrors(result.objects)).toEqual([]);
      expect(missingWaits(t, result)).toEqual([]);
      expect(result.fidelity.length).toBeGreaterThan(0);
    },
  );

  it('covers each condition, on services with and without ports and on jobs', () => {
    const nodes = {
      db: { kind: 'service', image: 'db', ports: [{ target: 5432 }], healthcheck: { test: 'true' } },
      worker: { kind: 'service', image: 'w' },
      migrate: { kind: 'job', image: 'm', dependsOn: [{ node: 'db', condition: 'healthy' }] },
      app: {
        kind: 'service',
        image: 'app',
        dependsOn: [
          { node: 'db', condition: 'started' },
          { node: 'db', condition: 'healthy' },
          { node: 'worker', condition: 'started' },
          { node: 'migrate', condition: 'completed' },
        ],
      },
    } satisfies Topology['spec']['nodes'];
    const t: Topology = {
      apiVersion: threeTier().apiVersion,
      kind: 'Topology',
      metadata: { name: 'conds' },
      spec: { nodes },
    };
    const result = exportKubernetes(t);
    expect(missingWaits(t, result)).toEqual([]);
    expect(kubeSchemaErrors(result.objects)).toEqual([]);
    const app = result.objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'app');
    expect(app?.kind === 'Deployment' && app.spec?.template.spec?.initContainers?.map((c) => c.name)).toEqual(
      ['wait-for-db', 'wait-for-db-2', 'wait-for-worker', 'wait-for-migrate'],
    );
  });

  it('reports names it changed', () => {
    const result = exportNodes({
      Web_App: { kind: 'service', image: 'x' },
      'web-app': { kind: 'service', image: 'y' },
    });
    expect(names(result.objects)).toEqual([
      'NetworkPolicy/default',
      'Deployment/web-app',
      'Deployment/web-app-2',
    ]);
    expect(result.fidelity.filter((i) => i.code === 'NAME_CHANGED').map((i) => i.nodeId)).toEqual([
      'Web_App',
      'web-app',
    ]);
  });

  it('leaves handler jobs out and reports them, a schedule and the webhooks (WORKFLOW)', () => {
    const result = exportKubernetes(
      makeTopology(
        {
          backup: {
            kind: 'job',
            image: 'busybox:1',
            schedule: { cron: '0 3 * * *', timezone: 'Europe/Berlin' },
          },
          page: { kind: 'job', image: 'curl:8' },
        },
        {
          spec: {
            handlers: { onFailure: ['page'] },
            notifications: [{ url: 'https://hooks.example.com/run' }],
          },
        },
      ),
    );
    expect(names(result.objects).filter((n) => !n.startsWith('NetworkPolicy/'))).toEqual(['Job/backup']);
    expect(
      result.fidelity.filter((i) => i.code === 'WORKFLOW').map((i) => [i.level, i.field, i.message]),
    ).toEqual([
      [
        'warning',
        'spec.handlers',
        'Kubernetes has no run handlers: the handler job(s) page are not exported (a Job would run at once, on apply).',
      ],
      [
        'warning',
        'spec.nodes.backup.schedule',
        'The schedule "0 3 * * *" (Europe/Berlin) of "backup" is not exported: its Job runs once, when applied (a CronJob is not written).',
      ],
      [
        'info',
        'spec.notifications',
        "The 1 webhook(s) of spec.notifications are Dockwright's own: not exported.",
      ],
    ]);
    expect(kubeSchemaErrors(result.objects)).toEqual([]);
  });

  it('any DAG: every dependency is an init container, every object validates, every name is DNS-1123', () => {
    fc.assert(
      fc.property(arbitraryDag, (dag) => {
        const result = exportKubernetes(dag);
        expect(missingWaits(dag, result)).toEqual([]);
        expect(kubeSchemaErrors(result.objects)).toEqual([]);
        for (const object of result.objects) expect(isDnsLabel(object.metadata?.name ?? '')).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
