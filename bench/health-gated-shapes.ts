// Health-gated compose files shared by the up/down benchmarks: services on the test HTTP image
// with a 1 s healthcheck, a job between them, `init: true` everywhere (both tools stop at once).

const health = `
    healthcheck:
      test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"]
      interval: 1s
      timeout: 1s
      retries: 3`;
const http = (name: string, dependsOn: Record<string, string> = {}) =>
  `  ${name}:
    image: dockwright-test/http:1
    init: true${health}${dependsOnText(dependsOn)}`;
const job = (name: string, dependsOn: Record<string, string>) =>
  `  ${name}:
    image: dockwright-test/busybox:1
    init: true
    command: ["sh", "-c", "echo ${name} done"]
    restart: "no"${dependsOnText(dependsOn)}`;
function dependsOnText(dependsOn: Record<string, string>): string {
  const entries = Object.entries(dependsOn);
  if (entries.length === 0) return '';
  return `\n    depends_on:\n${entries.map(([node, condition]) => `      ${node}: { condition: ${condition} }`).join('\n')}`;
}

/** `services:` bodies, by how many levels of `service_healthy` gate them. */
export const SHAPES: Record<'one level' | 'two levels' | 'three levels', string> = {
  // db healthy -> migrate completed -> api
  'one level': [
    http('db'),
    job('migrate', { db: 'service_healthy' }),
    http('api', { db: 'service_healthy', migrate: 'service_completed_successfully' }),
  ].join('\n'),
  // db healthy -> migrate -> api healthy -> web
  'two levels': [
    http('db'),
    job('migrate', { db: 'service_healthy' }),
    http('api', { db: 'service_healthy', migrate: 'service_completed_successfully' }),
    http('web', { api: 'service_healthy' }),
  ].join('\n'),
  // db, cache healthy -> migrate -> api healthy -> web healthy -> edge
  'three levels': [
    http('db'),
    http('cache'),
    job('migrate', { db: 'service_healthy' }),
    http('api', {
      db: 'service_healthy',
      cache: 'service_healthy',
      migrate: 'service_completed_successfully',
    }),
    http('web', { api: 'service_healthy' }),
    http('edge', { web: 'service_healthy' }),
  ].join('\n'),
};
