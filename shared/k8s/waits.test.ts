import { describe, expect, it } from 'vitest';
import { codes, exportNodes, find, podSpec, unescape } from '../testing/k8s-export';
import type { JobNode, ServiceNode } from '../topology/model';
import { DEFAULT_WAIT_IMAGE } from './k8s-types';
import { waitScript } from './waits';

const db: ServiceNode = {
  kind: 'service',
  image: 'postgres',
  healthcheck: { test: 'pg_isready' },
  expose: ['5432'],
};
const migrate: JobNode = { kind: 'job', image: 'app', command: 'migrate' };

describe('dependencies as init containers', () => {
  it('waits for a healthy service through its endpoints, with the wait image', () => {
    const out = exportNodes({
      db,
      api: { kind: 'service', image: 'api', dependsOn: [{ node: 'db', condition: 'healthy' }] },
    });
    const pod = podSpec(find(out, 'Deployment', 'api'));
    expect(pod.serviceAccountName).toBe('demo-wait');
    expect(pod.initContainers).toHaveLength(1);
    const wait = pod.initContainers![0]!;
    expect(wait.name).toBe('wait-for-db');
    expect(wait.image).toBe(DEFAULT_WAIT_IMAGE);
    expect(wait.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(unescape(wait.command![2]!)).toContain('kubectl get endpoints db');
    expect(wait.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('a started dependency waits the same way, and says a readiness probe makes it stricter', () => {
    const out = exportNodes({
      db,
      api: { kind: 'service', image: 'api', dependsOn: [{ node: 'db', condition: 'started' }] },
    });
    expect(unescape(podSpec(find(out, 'Deployment', 'api')).initContainers![0]!.command![2]!)).toContain(
      'get endpoints db',
    );
    expect(out.fidelity.find((i) => i.code === 'DEPENDENCY')?.message).toContain('ready');
  });

  it('waits for a job to complete, and fails when it failed', () => {
    const out = exportNodes({
      migrate,
      api: { kind: 'service', image: 'api', dependsOn: [{ node: 'migrate', condition: 'completed' }] },
    });
    const script = unescape(podSpec(find(out, 'Deployment', 'api')).initContainers![0]!.command![2]!);
    expect(script).toContain('kubectl get job migrate');
    expect(script).toContain('Complete');
    expect(script).toMatch(/Failed.*exit 1/);
  });

  it('one init container per dependency, in order, jobs waiting too', () => {
    const out = exportNodes({
      db,
      migrate: { ...migrate, dependsOn: [{ node: 'db', condition: 'healthy' }] },
      seed: {
        kind: 'job',
        image: 'app',
        dependsOn: [
          { node: 'migrate', condition: 'completed' },
          { node: 'db', condition: 'started' },
        ],
      },
    });
    expect(podSpec(find(out, 'Job', 'migrate')).initContainers?.map((c) => c.name)).toEqual(['wait-for-db']);
    expect(podSpec(find(out, 'Job', 'seed')).initContainers?.map((c) => c.name)).toEqual([
      'wait-for-migrate',
      'wait-for-db',
    ]);
  });

  it('a service without ports that is waited for gets a headless Service', () => {
    const out = exportNodes({
      worker: { kind: 'service', image: 'worker' },
      api: { kind: 'service', image: 'api', dependsOn: [{ node: 'worker', condition: 'started' }] },
    });
    expect(find(out, 'Service', 'worker').spec).toEqual({
      clusterIP: 'None',
      selector: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/name': 'worker' },
    });
    expect(out.objects.some((o) => o.kind === 'Service' && o.metadata?.name === 'api')).toBe(false);
  });

  it('grants the waits read access to endpoints and jobs, and nothing when nothing waits', () => {
    const out = exportNodes(
      {
        db,
        migrate,
        api: {
          kind: 'service',
          image: 'api',
          dependsOn: [
            { node: 'db', condition: 'healthy' },
            { node: 'migrate', condition: 'completed' },
          ],
        },
      },
      {},
      { namespace: 'shop', waitImage: 'example/kubectl:1.31' },
    );
    expect(find(out, 'ServiceAccount', 'demo-wait').metadata?.namespace).toBe('shop');
    expect(find(out, 'Role', 'demo-wait').rules).toEqual([
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(find(out, 'RoleBinding', 'demo-wait')).toMatchObject({
      roleRef: { kind: 'Role', name: 'demo-wait' },
      subjects: [{ kind: 'ServiceAccount', name: 'demo-wait', namespace: 'shop' }],
    });
    expect(podSpec(find(out, 'Deployment', 'api')).initContainers![0]!.image).toBe('example/kubectl:1.31');
    const alone = exportNodes({ db });
    expect(alone.objects.filter((o) => o.kind === 'ServiceAccount' || o.kind === 'Role')).toEqual([]);
    expect(podSpec(find(alone, 'Deployment', 'db')).serviceAccountName).toBeUndefined();
  });

  it('reports what Kubernetes cannot wait for as Dockwright does', () => {
    const out = exportNodes({
      db,
      api: {
        kind: 'service',
        image: 'api',
        dependsOn: [{ node: 'db', condition: 'completed', restart: true }],
      },
    });
    expect(codes(out).filter((c) => c === 'DEPENDENCY')).toHaveLength(2);
    expect(podSpec(find(out, 'Deployment', 'api')).initContainers).toHaveLength(1);
  });

  it('escapes the script for Kubernetes, and the unescaped script is what sh runs', () => {
    const spec = {
      target: 'endpoints',
      name: 'db',
      dependency: { node: 'db', condition: 'healthy' },
    } as const;
    const out = exportNodes({ db, api: { kind: 'service', image: 'api', dependsOn: [spec.dependency] } });
    const command = podSpec(find(out, 'Deployment', 'api')).initContainers![0]!.command![2]!;
    expect(command).not.toMatch(/(^|[^$])\$\(/);
    expect(unescape(command)).toBe(waitScript(spec));
  });
});
