// The engine's own floor for a health-gated compose file: the fewest Docker API calls that bring it
// up in its dependency order, made straight on the engine's socket from a process that is already
// running (no start-up, no planning, no events, no logs). Containers and the network are made first,
// all at once; then each level starts as soon as the one before it allows: a `service_healthy`
// dependency once its healthcheck command, run by exec right after its start and again at once
// until it passes, has passed (no tool can know sooner); a `service_completed_successfully` one
// once its container has exited. Services nothing waits for are started, not tested. `down` stops
// each level in reverse order, then removes the containers and the network. What the engine takes
// for these calls is a bound under any tool's `up` and `down` on this machine, Compose's and ours.
import http from 'node:http';
import { parse } from 'yaml';

interface ComposeService {
  image: string;
  command?: string[];
  init?: boolean;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const SOCKET = '/var/run/docker.sock';

function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = http.request(
      {
        socketPath: SOCKET,
        method,
        path,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status >= 400) reject(new Error(`${method} ${path}: ${status} ${text}`));
          else resolve({ status, json: text ? (JSON.parse(text) as unknown) : undefined });
        });
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Runs the command in the container and says whether it exited 0. */
async function execPasses(id: string, cmd: string[]): Promise<boolean> {
  const created = (await call('POST', `/containers/${id}/exec`, { Cmd: cmd })).json as { Id: string };
  await call('POST', `/exec/${created.Id}/start`, { Detach: false, Tty: false });
  // The output stream can end a moment before the engine records the exit code.
  for (;;) {
    const inspected = (await call('GET', `/exec/${created.Id}/json`)).json as {
      Running: boolean;
      ExitCode: number | null;
    };
    if (!inspected.Running && inspected.ExitCode !== null) return inspected.ExitCode === 0;
  }
}

/** Levels of the services by their `depends_on`: each level needs only the ones before it. */
function levels(services: Record<string, ComposeService>): string[][] {
  const placed = new Map<string, number>();
  const levelOf = (name: string): number => {
    const known = placed.get(name);
    if (known !== undefined) return known;
    const deps = Object.keys(services[name]?.depends_on ?? {});
    const level = deps.length === 0 ? 0 : Math.max(...deps.map(levelOf)) + 1;
    placed.set(name, level);
    return level;
  };
  const result: string[][] = [];
  for (const name of Object.keys(services)) (result[levelOf(name)] ??= []).push(name);
  return result;
}

export interface Floor {
  upMs: number;
  downMs: number;
}

/** Brings the compose file's services up and down as above; returns both times. */
export async function engineFloor(composeText: string, project: string): Promise<Floor> {
  const services = (parse(composeText) as { services: Record<string, ComposeService> }).services;
  const waves = levels(services);
  const awaited = new Map<string, string>();
  for (const service of Object.values(services))
    for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) awaited.set(dep, condition);
  const labels = { 'dockwright.bench': project };
  const network = `${project}-floor`;
  const ids = new Map<string, string>();

  try {
    return await upAndDown();
  } catch (error) {
    // Nothing of a failed round is left on the engine.
    await Promise.allSettled([...ids.values()].map((id) => call('DELETE', `/containers/${id}?force=true`)));
    await call('DELETE', `/networks/${network}`).catch(() => undefined);
    throw error;
  }

  async function upAndDown(): Promise<Floor> {
    const upStart = performance.now();
    await call('POST', '/networks/create', { Name: network, Labels: labels });
    await Promise.all(
      Object.entries(services).map(async ([name, service]) => {
        const created = await call('POST', `/containers/create?name=${project}-${name}`, {
          Image: service.image,
          ...(service.command ? { Cmd: service.command } : {}),
          Labels: labels,
          HostConfig: { Init: service.init === true, NetworkMode: network },
        });
        ids.set(name, (created.json as { Id: string }).Id);
      }),
    );
    for (const wave of waves) {
      await Promise.all(
        wave.map(async (name) => {
          const id = ids.get(name)!;
          await call('POST', `/containers/${id}/start`);
          const condition = awaited.get(name);
          if (condition === 'service_completed_successfully') {
            const waited = (await call('POST', `/containers/${id}/wait`)).json as { StatusCode: number };
            if (waited.StatusCode !== 0) throw new Error(`${name} exited ${waited.StatusCode}`);
          } else if (condition === 'service_healthy') {
            const test = services[name]!.healthcheck!.test;
            const cmd = test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', test.slice(1).join(' ')] : test.slice(1);
            const deadline = performance.now() + 30_000;
            while (!(await execPasses(id, cmd))) {
              if (performance.now() > deadline) throw new Error(`${name} never passed its healthcheck`);
            }
          }
        }),
      );
    }
    const upMs = performance.now() - upStart;

    const downStart = performance.now();
    for (const wave of [...waves].reverse())
      await Promise.all(wave.map((name) => call('POST', `/containers/${ids.get(name)!}/stop?t=10`)));
    await Promise.all([...ids.values()].map((id) => call('DELETE', `/containers/${id}?force=true`)));
    await call('DELETE', `/networks/${network}`);
    const downMs = performance.now() - downStart;
    return { upMs, downMs };
  }
}
