import { describe, expect, it } from 'vitest';
import { codes, exportNodes, find, podSpec } from '../testing/k8s-export';

const labelsOf = (out: ReturnType<typeof exportNodes>, name: string) =>
  find(out, 'Deployment', name).spec?.template.metadata?.labels ?? {};

describe('network policies', () => {
  const out = exportNodes({
    front: { kind: 'network' },
    back: { kind: 'network', internal: true, subnets: [{ subnet: '10.1.0.0/24' }] },
    web: {
      kind: 'service',
      image: 'web',
      networks: [{ network: 'front' }],
      ports: [{ target: 80, published: 8080 }],
    },
    api: { kind: 'service', image: 'api', networks: [{ network: 'front' }, { network: 'back' }] },
    db: { kind: 'service', image: 'db', networks: [{ network: 'back' }] },
    cache: { kind: 'service', image: 'redis' },
    sidecar: { kind: 'service', image: 'side', networkMode: 'service:api' },
    hostly: { kind: 'service', image: 'h', networkMode: 'host' },
  });

  it('labels each pod with the networks it joins; no networks = the default network', () => {
    expect(labelsOf(out, 'web')).toMatchObject({ 'net.dockwright.dev/front': 'true' });
    expect(labelsOf(out, 'api')).toMatchObject({
      'net.dockwright.dev/front': 'true',
      'net.dockwright.dev/back': 'true',
    });
    expect(labelsOf(out, 'db')).not.toHaveProperty('net.dockwright.dev/front');
    expect(labelsOf(out, 'cache')).toMatchObject({ 'net.dockwright.dev/default': 'true' });
    expect(labelsOf(out, 'sidecar')).toMatchObject({ 'net.dockwright.dev/back': 'true' });
    expect(Object.keys(labelsOf(out, 'hostly')).filter((k) => k.startsWith('net.'))).toEqual([]);
    expect(podSpec(find(out, 'Deployment', 'hostly')).hostNetwork).toBe(true);
  });

  it('one policy per network admits only pods of the same network', () => {
    expect(find(out, 'NetworkPolicy', 'back').spec).toEqual({
      podSelector: { matchLabels: { 'net.dockwright.dev/back': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { 'net.dockwright.dev/back': 'true' } } }] }],
    });
    expect(find(out, 'NetworkPolicy', 'default')).toBeDefined();
    expect(find(out, 'NetworkPolicy', 'front')).toBeDefined();
  });

  it('admits anyone on published ports, as Docker does', () => {
    expect(find(out, 'NetworkPolicy', 'web-published').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/name': 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }],
    });
  });

  it('reports what the cluster decides itself, internal networks and shared stacks', () => {
    expect(codes(out)).toEqual(
      expect.arrayContaining(['NETWORK', 'NETWORK_MODE', 'HOST_NAMESPACE', 'PUBLISHED_PORT']),
    );
  });

  it('no policy for a network nobody joins', () => {
    const lone = exportNodes({
      unused: { kind: 'network' },
      app: { kind: 'service', image: 'a', networkMode: 'none' },
    });
    expect(lone.objects.filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
  });
});

describe('services', () => {
  it('ports and expose become ClusterIP ports; aliases more Services; ranges expand', () => {
    const out = exportNodes({
      net: { kind: 'network' },
      web: {
        kind: 'service',
        image: 'web',
        ports: [
          { target: 80, published: 8080 },
          { target: 53, protocol: 'udp' },
        ],
        expose: ['9000-9002', '7000/udp', '1-65535'],
        networks: [{ network: 'net', aliases: ['www', 'Web_Site'] }],
      },
    });
    const service = find(out, 'Service', 'web');
    expect(service.spec?.type).toBe('ClusterIP');
    expect(service.spec?.ports?.map((p) => p.name)).toEqual([
      'udp-53',
      'tcp-80',
      'udp-7000',
      'tcp-9000',
      'tcp-9001',
      'tcp-9002',
    ]);
    expect(find(out, 'Service', 'www').spec?.ports).toEqual(service.spec?.ports);
    expect(find(out, 'Service', 'web-site')).toBeDefined();
    expect(codes(out)).toEqual(expect.arrayContaining(['EXPOSE', 'NAME_CHANGED', 'PUBLISHED_PORT']));
    expect(out.fidelity.find((i) => i.code === 'PUBLISHED_PORT')?.command).toBe(
      'kubectl port-forward service/web 8080:80',
    );
  });
});
