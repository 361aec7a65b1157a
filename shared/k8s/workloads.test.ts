import { describe, expect, it } from 'vitest';
import { codes, exportNodes, find, mainContainerOf, podSpec, unescape } from '../testing/k8s-export';

describe('workloads', () => {
  it('a job is a Job: backoffLimit from retry, a per-attempt deadline from timeout, never restarted in place', () => {
    const out = exportNodes({
      migrate: {
        kind: 'job',
        image: 'app',
        retry: { maxAttempts: 4, backoff: { initial: '1s' } },
        timeout: '2m',
        successExitCodes: [0, 3],
      },
    });
    const job = find(out, 'Job', 'migrate');
    expect(job.spec?.backoffLimit).toBe(3);
    expect(podSpec(job).restartPolicy).toBe('Never');
    expect(podSpec(job).activeDeadlineSeconds).toBe(120);
    expect(codes(out)).toEqual(expect.arrayContaining(['RETRY', 'SUCCESS_EXIT_CODES']));
    expect(find(exportNodes({ once: { kind: 'job', image: 'a' } }), 'Job', 'once').spec?.backoffLimit).toBe(
      0,
    );
  });

  it('a service is a Deployment with its replicas, or a StatefulSet with one replica and a named volume', () => {
    const out = exportNodes({
      data: { kind: 'volume' },
      web: { kind: 'service', image: 'web', replicas: 3 },
      db: { kind: 'service', image: 'db', mounts: [{ type: 'volume', source: 'data', target: '/d' }] },
    });
    expect(find(out, 'Deployment', 'web').spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/name': 'web' } },
    });
    const db = find(out, 'StatefulSet', 'db');
    expect(db.spec).toMatchObject({ replicas: 1, serviceName: 'db' });
    // The StatefulSet's governing Service exists even without ports.
    expect(find(out, 'Service', 'db').spec?.clusterIP).toBe('None');
  });

  it('reports a service Dockwright leaves alone when it exits, and recovery it cannot express', () => {
    const out = exportNodes({
      web: {
        kind: 'service',
        image: 'web',
        restart: 'no',
        recovery: { restartOnExit: false, maxRestarts: 2 },
      },
    });
    expect(codes(out)).toEqual(expect.arrayContaining(['RESTART_POLICY', 'RECOVERY']));
    expect(codes(exportNodes({ web: { kind: 'service', image: 'web' } }))).toEqual([]);
  });
});

describe('containers', () => {
  it('entrypoint -> command, command -> args, split as Compose splits, $ escaped', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        entrypoint: ['/bin/sh', '-c'],
        command: 'echo "a b" $HOME',
        environment: { MODE: 'prod', PRICE: '$(cheap)', FROM_SHELL: null },
        workingDir: '/srv',
      },
    });
    const container = mainContainerOf(find(out, 'Deployment', 'app'));
    expect(container.command).toEqual(['/bin/sh', '-c']);
    expect(container.args?.map(unescape)).toEqual(['echo', 'a b', '$HOME']);
    expect(container.env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'PRICE', value: '$$(cheap)' },
    ]);
    expect(container.workingDir).toBe('/srv');
    expect(codes(out)).toEqual(['ENV_UNSET']);
  });

  it('resources: limits and requests as Kubernetes quantities', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        resources: {
          limits: { cpus: '0.5', memory: '512m', pids: 100 },
          reservations: { cpus: 0.25, memory: '1g' },
        },
      },
    });
    expect(mainContainerOf(find(out, 'Deployment', 'app')).resources).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '250m', memory: '1Gi' },
    });
    expect(codes(out)).toEqual(['RESOURCES']);
  });

  it('security: numeric user, privileged, capabilities, read-only root, no-new-privileges, safe sysctls', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        user: '1000:2000',
        privileged: true,
        capAdd: ['CAP_NET_ADMIN'],
        capDrop: ['all'],
        readOnly: true,
        securityOpt: ['no-new-privileges:true', 'label=disable'],
        sysctls: { 'net.ipv4.tcp_syncookies': '1', 'net.core.somaxconn': '1024' },
      },
      named: { kind: 'service', image: 'app', user: 'www-data' },
    });
    expect(mainContainerOf(find(out, 'Deployment', 'app')).securityContext).toEqual({
      runAsUser: 1000,
      runAsGroup: 2000,
      privileged: true,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(podSpec(find(out, 'Deployment', 'app')).securityContext).toEqual({
      sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
    });
    expect(mainContainerOf(find(out, 'Deployment', 'named')).securityContext).toBeUndefined();
    expect(codes(out)).toEqual(expect.arrayContaining(['PRIVILEGED', 'SECURITY', 'SYSCTLS', 'USER']));
  });

  it('pod fields: hostAliases, dnsConfig, nodeSelector, host namespaces, grace period, no service links', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        extraHosts: ['db.local:10.0.0.5', 'cache.local=10.0.0.5', 'v6:::1', 'gw:host-gateway'],
        dns: ['1.1.1.1'],
        platform: 'linux/arm64/v8',
        pid: 'host',
        ipc: 'host',
        hostname: 'App_Host',
        stopGracePeriod: '1m',
        stopSignal: 'SIGINT',
        devices: ['/dev/fuse'],
        ulimits: { nofile: 1024 },
        tty: true,
        stdinOpen: true,
        pullPolicy: 'always',
      },
    });
    const pod = podSpec(find(out, 'Deployment', 'app'));
    expect(pod).toMatchObject({
      enableServiceLinks: false,
      hostname: 'app-host',
      hostPID: true,
      hostIPC: true,
      hostAliases: [
        { ip: '10.0.0.5', hostnames: ['db.local', 'cache.local'] },
        { ip: '::1', hostnames: ['v6'] },
      ],
      dnsConfig: { nameservers: ['1.1.1.1'] },
      nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' },
      terminationGracePeriodSeconds: 60,
    });
    expect(pod.containers[0]).toMatchObject({ tty: true, stdin: true, imagePullPolicy: 'Always' });
    expect(codes(out)).toEqual(
      expect.arrayContaining([
        'EXTRA_HOSTS',
        'DNS',
        'PLATFORM',
        'HOST_NAMESPACE',
        'NAME_CHANGED',
        'STOP_SIGNAL',
        'DEVICES',
        'ULIMITS',
      ]),
    );
  });

  it('a build without an image gets the name a build would give it, and a report', () => {
    const out = exportNodes({ api: { kind: 'service', build: { context: './api' } } });
    expect(mainContainerOf(find(out, 'Deployment', 'api')).image).toBe('demo-api');
    expect(out.fidelity[0]).toMatchObject({ code: 'BUILD_IMAGE', command: 'docker build -t demo-api ./api' });
  });

  it('labels Kubernetes accepts stay labels; the rest become annotations', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        labels: { tier: 'front', 'com.example.description': 'A web app' },
      },
    });
    const meta = find(out, 'Deployment', 'app').spec?.template.metadata;
    expect(meta?.labels).toMatchObject({ tier: 'front' });
    expect(meta?.annotations).toEqual({ 'com.example.description': 'A web app' });
    expect(codes(out)).toEqual(['LABELS']);
  });
});
