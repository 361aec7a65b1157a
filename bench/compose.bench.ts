// Import and export of a 200-service compose file (anchors, merge keys, long syntax).
// Run: node scripts/run-ts.mjs bench/compose.bench.ts [runs]
import { exportCompose } from '../shared/compose/export';
import { importCompose } from '../shared/compose/import';
import { measure, print, seeded } from './stats';

const runs = Number(process.argv[2] ?? 30);

function bigCompose(services: number): string {
  const random = seeded(7);
  const lines = [
    'name: bench',
    'x-defaults: &defaults',
    '  restart: unless-stopped',
    '  logging: { driver: json-file, options: { max-size: 10m } }',
    '  environment: &env',
    '    TZ: ${TZ:-UTC}',
    '    LOG_LEVEL: info',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const deps =
      i === 0
        ? []
        : [...new Set(Array.from({ length: 1 + Math.floor(random() * 2) }, () => Math.floor(random() * i)))];
    lines.push(
      `  svc-${i}:`,
      '    <<: *defaults',
      `    image: registry.example.com/team/svc-${i}:\${TAG:-1.0}`,
      '    environment:',
      '      <<: *env',
      `      PORT: "${8000 + (i % 100)}"`,
      `      PASSWORD: "p$$w${i}"`,
      '    ports:',
      `      - "127.0.0.1:${20000 + i}:8080"`,
      `      - target: 9090`,
      `        published: "${30000 + i}"`,
      '    volumes:',
      `      - data-${i % 20}:/data`,
      `      - type: bind`,
      `        source: ./config/${i}`,
      '        target: /config',
      '        read_only: true',
      `    networks: [net-${i % 10}]`,
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
      '      interval: 10s',
      '      retries: 3',
      ...(deps.length > 0
        ? [
            '    depends_on:',
            ...deps.flatMap((d) => [`      svc-${d}:`, '        condition: service_started']),
          ]
        : []),
    );
  }
  lines.push('volumes:', ...Array.from({ length: 20 }, (_, i) => `  data-${i}: {}`));
  lines.push('networks:', ...Array.from({ length: 10 }, (_, i) => `  net-${i}: {}`));
  return `${lines.join('\n')}\n`;
}

const text = bigCompose(200);
const imported = importCompose(text, { env: {} });
if (!imported.ok) throw new Error(imported.problems.map((p) => p.message).join('\n'));
const topology = imported.topology;
const exported = exportCompose(topology);

print({
  bench: 'compose.import',
  services: 200,
  bytes: text.length,
  ...measure(() => importCompose(text, { env: {} }), runs),
});
print({
  bench: 'compose.export',
  services: 200,
  bytes: exported.yaml.length,
  ...measure(() => exportCompose(topology), runs),
});
print({
  bench: 'compose.import+export',
  services: 200,
  ...measure(() => {
    const r = importCompose(text, { env: {} });
    if (r.ok) exportCompose(r.topology);
  }, runs),
});
