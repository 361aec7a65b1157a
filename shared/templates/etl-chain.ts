import type { Topology } from '../topology/model';
import { httpCheck, SAMPLE_IMAGE, sh, topology } from './template-kit';

/*
 * extract -> transform -> load, each a job with retries, handing files over on a shared volume
 * (job outputs are a later issue); a small file server shows the warehouse when the chain is done.
 */
const EXTRACT = [
  'mkdir -p /work/raw',
  'for i in 1 2 3 4 5; do echo "order-$i,$((i * 7))"; done > /work/raw/orders.csv',
  'echo "extracted $(wc -l < /work/raw/orders.csv) rows"',
].join(' && ');

const TRANSFORM = [
  'test -s /work/raw/orders.csv',
  'mkdir -p /work/clean',
  `awk -F, '{ print toupper($1) "," $2 * 100 }' /work/raw/orders.csv > /work/clean/orders.csv`,
  'echo "transformed $(wc -l < /work/clean/orders.csv) rows"',
].join(' && ');

const LOAD = [
  'test -s /work/clean/orders.csv',
  'cp /work/clean/orders.csv /work/warehouse.csv',
  'echo "loaded $(wc -l < /work/warehouse.csv) rows"',
].join(' && ');

const retry = { maxAttempts: 5, backoff: { initial: '1s', multiplier: 2, max: '10s' } };
const work = (readOnly = false) => [
  { type: 'volume' as const, source: 'work', target: '/work', ...(readOnly ? { readOnly } : {}) },
];

export function etlChain(): Topology {
  return topology(
    'etl',
    'An ETL job chain: extract, transform and load with retries, over a shared volume.',
    {
      work: { kind: 'volume', description: 'Files handed from one step to the next.' },
      extract: { kind: 'job', image: SAMPLE_IMAGE, init: true, command: sh(EXTRACT), mounts: work(), retry },
      transform: {
        kind: 'job',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh(TRANSFORM),
        mounts: work(),
        dependsOn: [{ node: 'extract', condition: 'completed' }],
        retry,
      },
      load: {
        kind: 'job',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh(LOAD),
        mounts: work(),
        dependsOn: [{ node: 'transform', condition: 'completed' }],
        retry: { maxAttempts: 5, backoff: { initial: '1s', max: '10s' } },
        timeout: '60s',
      },
      report: {
        kind: 'service',
        image: SAMPLE_IMAGE,
        init: true,
        command: sh('exec httpd -f -p 8080 -h /work'),
        mounts: work(true),
        ports: [{ target: 8080, hostIp: '127.0.0.1' }],
        dependsOn: [{ node: 'load', condition: 'completed' }],
        healthcheck: httpCheck(8080, '/warehouse.csv'),
      },
    },
  );
}
