import type { Topology } from '../topology/model';
import { httpCheck, SAMPLE_IMAGE, sh, topology } from './template-kit';

/*
 * proxy -> api -> db, with a migration job between db and api. The "database" is busybox httpd
 * over a named volume; the migration writes the schema there; the proxy forwards /cgi-bin/api to
 * the api with a CGI script.
 */
const PROXY = [
  'mkdir -p /www/cgi-bin',
  `printf '#!/bin/sh\\necho Content-Type: application/json\\necho\\nwget -q -O - http://api:8080/health\\n' > /www/cgi-bin/api`,
  'chmod +x /www/cgi-bin/api',
  `echo '<h1>Shop</h1><p><a href="/cgi-bin/api">api health</a></p>' > /www/index.html`,
  'exec httpd -f -p 80 -h /www',
].join(' && ');

const DB = [
  'mkdir -p /var/lib/db',
  'echo ready > /var/lib/db/ping',
  'exec httpd -f -p 5432 -h /var/lib/db',
].join(' && ');

// The db answers once healthy; a loaded machine's DNS may still take a moment: ask for up to 30 s.
const MIGRATE = [
  'for i in $(seq 1 30); do wget -q -O /dev/null http://db:5432/ping && break; sleep 1; done',
  'wget -q -O /dev/null http://db:5432/ping',
  `echo 'v1: create table items (id, name)' > /var/lib/db/schema`,
  'echo migrated to v1',
].join(' && ');

const API = [
  'mkdir -p /www',
  'cp /var/lib/db/schema /www/schema',
  `echo '{"status":"ok","schema":"v1"}' > /www/health`,
  'exec httpd -f -p 8080 -h /www',
].join(' && ');

export function threeTier(): Topology {
  return topology('shop', 'A three-tier web app: proxy, api and db with healthchecks, and a migration job.', {
    'db-data': { kind: 'volume', description: 'The database files.' },
    db: {
      kind: 'service',
      image: SAMPLE_IMAGE,
      init: true,
      command: sh(DB),
      mounts: [{ type: 'volume', source: 'db-data', target: '/var/lib/db' }],
      healthcheck: httpCheck(5432, '/ping'),
    },
    migrate: {
      kind: 'job',
      image: SAMPLE_IMAGE,
      init: true,
      command: sh(MIGRATE),
      mounts: [{ type: 'volume', source: 'db-data', target: '/var/lib/db' }],
      dependsOn: [{ node: 'db', condition: 'healthy' }],
      retry: { maxAttempts: 5, backoff: { initial: '1s', max: '10s' } },
      timeout: '90s',
    },
    api: {
      kind: 'service',
      image: SAMPLE_IMAGE,
      init: true,
      command: sh(API),
      mounts: [{ type: 'volume', source: 'db-data', target: '/var/lib/db', readOnly: true }],
      dependsOn: [
        { node: 'db', condition: 'healthy' },
        { node: 'migrate', condition: 'completed' },
      ],
      healthcheck: httpCheck(8080, '/health'),
    },
    proxy: {
      kind: 'service',
      image: SAMPLE_IMAGE,
      init: true,
      command: sh(PROXY),
      ports: [{ target: 80, hostIp: '127.0.0.1' }],
      dependsOn: [{ node: 'api', condition: 'healthy' }],
      healthcheck: httpCheck(80, '/cgi-bin/api'),
    },
  });
}
