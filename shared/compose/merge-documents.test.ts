import { describe, expect, it } from 'vitest';
import { mergeComposeDocuments } from './merge-documents';

const merge = (base: unknown, override: unknown) =>
  mergeComposeDocuments({ services: { web: base } }, { services: { web: override } })['services'] as {
    web: Record<string, unknown>;
  };

const web = (base: unknown, override: unknown) => merge(base, override).web;

describe('mergeComposeDocuments: the Compose spec merge rules', () => {
  it('merges mappings key by key, the override winning for scalars', () => {
    expect(web({ image: 'a', restart: 'always' }, { image: 'b', user: 'x' })).toEqual({
      image: 'b',
      restart: 'always',
      user: 'x',
    });
  });

  it('keeps the base where the override is null, and adds services and top-level entries', () => {
    const merged = mergeComposeDocuments(
      { name: 'a', services: { web: { image: 'a' } }, volumes: { data: { driver: 'local' } } },
      { name: 'b', services: { web: null, db: { image: 'pg' } }, volumes: { logs: null } },
    );
    expect(merged).toEqual({
      name: 'b',
      services: { web: { image: 'a' }, db: { image: 'pg' } },
      volumes: { data: { driver: 'local' }, logs: null },
    });
  });

  it('replaces command, entrypoint and healthcheck.test, merging the rest of the healthcheck', () => {
    expect(
      web(
        { command: ['a', 'b'], entrypoint: 'sh', healthcheck: { test: ['CMD', 'a'], interval: '5s' } },
        { command: ['c'], entrypoint: ['bash', '-c'], healthcheck: { test: ['CMD', 'b'] } },
      ),
    ).toEqual({
      command: ['c'],
      entrypoint: ['bash', '-c'],
      healthcheck: { test: ['CMD', 'b'], interval: '5s' },
    });
  });

  it('merges environment, labels, sysctls and build args by key, list form or mapping', () => {
    expect(
      web(
        {
          environment: ['A=1', 'B=2', 'BARE'],
          labels: { x: '1' },
          sysctls: ['net.core.somaxconn=1024'],
          build: './app',
        },
        {
          environment: { B: 3, C: '4' },
          labels: ['y=2'],
          sysctls: { 'net.ipv4.tcp_syncookies': 0 },
          build: { args: ['V=1'] },
        },
      ),
    ).toEqual({
      environment: { A: '1', B: 3, BARE: null, C: '4' },
      labels: { x: '1', y: '2' },
      sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': 0 },
      build: { context: './app', args: ['V=1'] },
    });
  });

  it('merges extra_hosts by host name', () => {
    expect(web({ extra_hosts: ['a:10.0.0.1', 'b=10.0.0.2'] }, { extra_hosts: { a: '10.0.0.9' } })).toEqual({
      extra_hosts: { a: '10.0.0.9', b: '10.0.0.2' },
    });
  });

  it('merges ports by host ip, published port, target and protocol', () => {
    expect(
      web(
        { ports: ['8080:80', '127.0.0.1:9000:9000', '53:53/udp'] },
        {
          ports: [
            { target: 80, published: '8080', mode: 'host' },
            '9000:9000',
            '53:53/udp',
            '[::1]:6000:6000',
          ],
        },
      ).ports,
    ).toEqual([
      { target: 80, published: '8080', mode: 'host' },
      '127.0.0.1:9000:9000',
      '53:53/udp',
      '9000:9000',
      '[::1]:6000:6000',
    ]);
  });

  it('keeps expose, dns, cap_add and profiles unique, a lone string counting as a list', () => {
    expect(
      web(
        { expose: ['80'], dns: '8.8.8.8', cap_add: ['NET_ADMIN'], profiles: ['dev'] },
        {
          expose: ['80', '81'],
          dns: ['8.8.8.8', '1.1.1.1'],
          cap_add: ['NET_ADMIN', 'SYS_TIME'],
          profiles: ['debug'],
        },
      ),
    ).toEqual({
      expose: ['80', '81'],
      dns: ['8.8.8.8', '1.1.1.1'],
      cap_add: ['NET_ADMIN', 'SYS_TIME'],
      profiles: ['dev', 'debug'],
    });
  });

  it('merges volumes and devices by container path, long or short syntax', () => {
    expect(
      web(
        {
          volumes: ['./data:/data', 'cache:/cache', { type: 'bind', source: './conf', target: '/etc/app' }],
          devices: ['/dev/ttyUSB0:/dev/ttyUSB0'],
        },
        {
          volumes: [{ type: 'volume', source: 'data', target: '/data' }, '/scratch', './conf2:/etc/app:ro'],
          devices: ['/dev/ttyUSB1:/dev/ttyUSB0'],
        },
      ),
    ).toEqual({
      volumes: [
        { type: 'volume', source: 'data', target: '/data' },
        'cache:/cache',
        './conf2:/etc/app:ro',
        '/scratch',
      ],
      devices: ['/dev/ttyUSB1:/dev/ttyUSB0'],
    });
  });

  it('merges secrets and configs by target (default /run/secrets/NAME and /NAME)', () => {
    expect(
      web(
        { secrets: ['token', { source: 'cert', target: '/certs/c.pem' }], configs: ['app'] },
        {
          secrets: [
            { source: 'token', mode: 0o400 },
            { source: 'cert2', target: '/certs/c.pem' },
          ],
          configs: [{ source: 'app', target: '/etc/app.conf' }],
        },
      ),
    ).toEqual({
      secrets: [
        { source: 'token', mode: 0o400 },
        { source: 'cert2', target: '/certs/c.pem' },
      ],
      configs: ['app', { source: 'app', target: '/etc/app.conf' }],
    });
  });

  it('merges env_file by path', () => {
    expect(web({ env_file: 'a.env' }, { env_file: [{ path: 'a.env', required: false }, 'b.env'] })).toEqual({
      env_file: [{ path: 'a.env', required: false }, 'b.env'],
    });
  });

  it('merges depends_on and networks by name, the list form meaning the defaults', () => {
    expect(
      web(
        {
          depends_on: { db: { condition: 'service_healthy' }, cache: { condition: 'service_started' } },
          networks: { front: { aliases: ['www'] } },
        },
        {
          depends_on: ['cache', 'queue'],
          networks: { front: { aliases: ['www', 'web'] }, back: null },
        },
      ),
    ).toEqual({
      depends_on: {
        db: { condition: 'service_healthy' },
        cache: { condition: 'service_started' },
        queue: { condition: 'service_started' },
      },
      networks: { front: { aliases: ['www', 'web'] }, back: null },
    });
    expect(web({ networks: ['a'] }, { networks: ['b'] })).toEqual({ networks: { a: null, b: null } });
  });

  it('replaces logging when the driver changes and merges its options otherwise', () => {
    expect(
      web(
        { logging: { driver: 'json-file', options: { 'max-size': '1m' } } },
        { logging: { options: { 'max-file': '3' } } },
      ),
    ).toEqual({ logging: { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3' } } });
    expect(
      web(
        { logging: { driver: 'json-file', options: { 'max-size': '1m' } } },
        { logging: { driver: 'syslog' } },
      ),
    ).toEqual({ logging: { driver: 'syslog' } });
  });

  it('appends other sequences without exact duplicates, and merges top-level labels by key', () => {
    expect(
      web({ security_opt: ['a'], ulimits: { nofile: 10 } }, { ulimits: { nofile: { soft: 1, hard: 2 } } }),
    ).toEqual({
      security_opt: ['a'],
      ulimits: { nofile: { soft: 1, hard: 2 } },
    });
    expect(
      mergeComposeDocuments(
        { services: {}, networks: { front: { labels: ['a=1'], driver: 'bridge' } } },
        { services: {}, networks: { front: { labels: { b: '2' } } } },
      )['networks'],
    ).toEqual({ front: { labels: { a: '1', b: '2' }, driver: 'bridge' } });
  });

  it('changes neither input', () => {
    const base = { services: { web: { environment: ['A=1'], ports: ['80:80'] } } };
    const override = { services: { web: { environment: ['B=2'], ports: ['81:81'] } } };
    const before = JSON.stringify([base, override]);
    mergeComposeDocuments(base, override);
    expect(JSON.stringify([base, override])).toBe(before);
  });
});
