import { describe, expect, it } from 'vitest';
import { codes, exportNodes, find, mainContainerOf, podSpec } from '../testing/k8s-export';

describe('volumes', () => {
  it('a named volume is a PersistentVolumeClaim, mounted by claim name', () => {
    const out = exportNodes(
      {
        db_data: { kind: 'volume' },
        db: {
          kind: 'service',
          image: 'postgres',
          mounts: [{ type: 'volume', source: 'db_data', target: '/data', subpath: 'pg' }],
        },
      },
      {},
      { volumeSize: '5Gi' },
    );
    expect(find(out, 'PersistentVolumeClaim', 'db-data').spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '5Gi' } },
    });
    const pod = podSpec(find(out, 'StatefulSet', 'db'));
    expect(pod.volumes).toEqual([{ name: 'db-data', persistentVolumeClaim: { claimName: 'db-data' } }]);
    expect(pod.containers[0]!.volumeMounts).toEqual([{ name: 'db-data', mountPath: '/data', subPath: 'pg' }]);
    expect(codes(out)).toEqual(
      expect.arrayContaining(['NAME_CHANGED', 'VOLUME_SIZE', 'VOLUME_NOT_PREFILLED']),
    );
  });

  it('an external volume exports no claim and expects one', () => {
    const out = exportNodes({
      data: { kind: 'volume', external: true, dockerName: 'shared-data' },
      app: {
        kind: 'service',
        image: 'app',
        mounts: [{ type: 'volume', source: 'data', target: '/d', nocopy: true }],
      },
    });
    expect(out.objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(podSpec(find(out, 'StatefulSet', 'app')).volumes).toEqual([
      { name: 'shared-data', persistentVolumeClaim: { claimName: 'shared-data' } },
    ]);
    expect(codes(out)).toEqual(['EXTERNAL_OBJECT']);
  });

  it('reports a claim that several workloads or replicas mount, and a volume driver', () => {
    const out = exportNodes({
      data: { kind: 'volume', driver: 'local', driverOpts: { type: 'nfs' } },
      a: { kind: 'service', image: 'a', mounts: [{ type: 'volume', source: 'data', target: '/d' }] },
      b: {
        kind: 'service',
        image: 'b',
        replicas: 2,
        mounts: [{ type: 'volume', source: 'data', target: '/d' }],
      },
    });
    expect(codes(out)).toEqual(expect.arrayContaining(['VOLUME_SHARED', 'VOLUME_DRIVER']));
    // One replica holding a claim is a StatefulSet; two replicas stay a Deployment.
    expect(find(out, 'StatefulSet', 'a')).toBeDefined();
    expect(find(out, 'Deployment', 'b').spec?.replicas).toBe(2);
  });

  it('anonymous volumes and tmpfs are emptyDirs, shm_size a memory emptyDir at /dev/shm', () => {
    const out = exportNodes({
      app: {
        kind: 'service',
        image: 'app',
        shmSize: '256m',
        mounts: [
          { type: 'volume', target: '/cache', readOnly: true },
          { type: 'tmpfs', target: '/tmp', size: '64m', mode: 1777 },
        ],
      },
    });
    const pod = podSpec(find(out, 'Deployment', 'app'));
    expect(pod.volumes).toEqual([
      { name: 'anon-0', emptyDir: {} },
      { name: 'tmpfs-1', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } },
    ]);
    expect(pod.containers[0]!.volumeMounts).toEqual([
      { name: 'anon-0', mountPath: '/cache', readOnly: true },
      { name: 'tmpfs-1', mountPath: '/tmp' },
      { name: 'shm', mountPath: '/dev/shm' },
    ]);
    expect(codes(out)).toEqual(['MOUNT_OPTIONS']);
  });

  it('a bind mount is a hostPath (relative ones under the host-path base), with a warning', () => {
    const out = exportNodes(
      {
        web: {
          kind: 'service',
          image: 'nginx',
          mounts: [
            { type: 'bind', source: './conf/nginx.conf', target: '/etc/nginx/nginx.conf', readOnly: true },
            { type: 'bind', source: '/var/log', target: '/logs', propagation: 'rslave', selinux: 'z' },
          ],
        },
      },
      {},
      { hostPathBase: '/opt/demo/' },
    );
    const pod = podSpec(find(out, 'Deployment', 'web'));
    expect(pod.volumes).toEqual([
      { name: 'host-0', hostPath: { path: '/opt/demo/conf/nginx.conf' } },
      { name: 'host-1', hostPath: { path: '/var/log' } },
    ]);
    expect(pod.containers[0]!.volumeMounts?.[1]).toEqual({
      name: 'host-1',
      mountPath: '/logs',
      mountPropagation: 'HostToContainer',
    });
    const binds = out.fidelity.filter((i) => i.code === 'BIND_MOUNT');
    expect(binds).toHaveLength(2);
    expect(binds[0]!.command).toBe('kubectl create configmap web-files --from-file=./conf/nginx.conf');
    expect(codes(out)).toContain('MOUNT_OPTIONS');
  });
});

describe('secrets and configs', () => {
  const consumer = {
    kind: 'service',
    image: 'app',
    secrets: [{ source: 'db_password' }, { source: 'api-key', target: 'key.txt', mode: 0o400, uid: '1000' }],
    configs: [{ source: 'app_conf', target: '/etc/app.conf' }, { source: 'motd' }],
  } as const;
  const out = exportNodes(
    { app: { ...consumer, secrets: [...consumer.secrets], configs: [...consumer.configs] } },
    {
      secrets: {
        db_password: { file: './secrets/db.txt' },
        'api-key': { environment: 'API_KEY' },
        ext: { external: true },
      },
      configs: { app_conf: { content: 'port = 80\n' }, motd: { file: 'motd.txt' } },
    },
  );

  it('embeds inline content', () => {
    expect(find(out, 'ConfigMap', 'app-conf').data).toEqual({ app_conf: 'port = 80\n' });
  });

  it('writes a placeholder for file and environment sources, with the kubectl command', () => {
    const secret = find(out, 'Secret', 'db-password');
    expect(secret.stringData?.db_password).toMatch(
      /^PLACEHOLDER: replace with the contents of \.\/secrets\/db\.txt/,
    );
    const command =
      'kubectl create secret generic db-password --from-file=db_password=./secrets/db.txt --dry-run=client -o yaml | kubectl apply -f -';
    expect(secret.metadata?.annotations?.['dockwright.dev/create-with']).toBe(command);
    const items = out.fidelity.filter((i) => i.code === 'SECRET_PLACEHOLDER');
    expect(items.map((i) => i.command)).toEqual([
      command,
      'kubectl create secret generic api-key --from-literal=api-key="$API_KEY" --dry-run=client -o yaml | kubectl apply -f -',
      'kubectl create configmap motd --from-file=motd=motd.txt --dry-run=client -o yaml | kubectl apply -f -',
    ]);
  });

  it('exports no external secret, and says so', () => {
    expect(out.objects.some((o) => o.metadata?.name === 'ext')).toBe(false);
    expect(codes(out)).toContain('EXTERNAL_OBJECT');
  });

  it("mounts each key at Compose's target: /run/secrets/<name>, /<name>, or the target given", () => {
    const container = mainContainerOf(find(out, 'Deployment', 'app'));
    expect(container.volumeMounts).toEqual([
      {
        name: 'secret-db-password',
        mountPath: '/run/secrets/db_password',
        subPath: 'db_password',
        readOnly: true,
      },
      { name: 'secret-api-key', mountPath: '/run/secrets/key.txt', subPath: 'api-key', readOnly: true },
      { name: 'config-app-conf', mountPath: '/etc/app.conf', subPath: 'app_conf', readOnly: true },
      { name: 'config-motd', mountPath: '/motd', subPath: 'motd', readOnly: true },
    ]);
    expect(podSpec(find(out, 'Deployment', 'app')).volumes?.[1]).toEqual({
      name: 'secret-api-key',
      secret: { secretName: 'api-key', items: [{ key: 'api-key', path: 'api-key', mode: 0o400 }] },
    });
    expect(codes(out)).toContain('FILE_OWNER');
  });
});
