import type { Topology } from '../topology/model';
import { httpCheck, SAMPLE_IMAGE, sh, topology } from './template-kit';

/*
 * An app exposing Prometheus-style metrics, a scraper that polls them into a series on a volume,
 * and a dashboard that draws the latest values as a page.
 */
const APP = [
  'mkdir -p /www;',
  `(n=0; while true; do n=$((n + 1)); printf '# TYPE app_requests_total counter\\napp_requests_total %s\\n' "$n" > /www/metrics.tmp; mv /www/metrics.tmp /www/metrics; sleep 1; done) &`,
  'exec httpd -f -p 8080 -h /www',
].join(' ');

const SCRAPER = [
  'while true; do',
  `v=$(wget -q -O - http://app:8080/metrics | awk '/^app_requests_total/ { print $2 }');`,
  `[ -n "$v" ] && echo "$(date +%s) $v" >> /data/series;`,
  'sleep 2;',
  'done',
].join(' ');

const DASHBOARD = [
  'mkdir -p /www;',
  `(while true; do { echo '<h1>app_requests_total</h1><pre>'; tail -n 20 /data/series 2>/dev/null; echo '</pre>'; } > /www/index.html; sleep 2; done) &`,
  'exec httpd -f -p 3000 -h /www',
].join(' ');

export function monitoring(): Topology {
  return topology(
    'monitoring',
    'A monitoring stack: a service exposing metrics, a scraper and a dashboard.',
    {
      tsdb: { kind: 'volume', description: 'The scraped series.' },
      app: {
        kind: 'service',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh(APP),
        healthcheck: httpCheck(8080, '/metrics'),
      },
      scraper: {
        kind: 'service',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh(SCRAPER),
        mounts: [{ type: 'volume', source: 'tsdb', target: '/data' }],
        dependsOn: [{ node: 'app', condition: 'healthy' }],
        healthcheck: {
          test: ['CMD', 'test', '-s', '/data/series'],
          interval: '1s',
          timeout: '2s',
          retries: 30,
        },
      },
      dashboard: {
        kind: 'service',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh(DASHBOARD),
        mounts: [{ type: 'volume', source: 'tsdb', target: '/data', readOnly: true }],
        ports: [{ target: 3000, hostIp: '127.0.0.1' }],
        dependsOn: [{ node: 'scraper', condition: 'healthy' }],
        healthcheck: httpCheck(3000, '/'),
      },
    },
  );
}
