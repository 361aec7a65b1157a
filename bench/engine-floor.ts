// The engine's own floor for a health-gated compose file: the Docker API calls that bring it up in
// its dependency order, made straight on the engine's socket from a process that is already
// running (no start-up, no planning, no events, no logs). The network is made first; every
// container is made at once, and each one starts as soon as it is made and its own dependencies
// allow: a `service_healthy` one once its healthcheck command, run by exec right after its start
// and again at once until it passes, has passed (no tool can know sooner); a
// `service_completed_successfully` one once its container has exited; a `service_started` one once
// it has started. `up` is over when every service has started and every condition someone waits
// for is met. `down` stops each service once everything that depends on it has stopped (a job that
// has exited is not stopped), removes each container as soon as it is stopped, and the network
// last. What the engine takes for these calls is a bound under any tool's `up` and `down` with the
// same semantics on this machine, Compose's and ours.
import http from 'node:http';
import { parse } from 'yaml';

interface ComposeService {
  image: string;
  command?: string[];
  init?: boolean;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

/** The engine both tools use: DOCKER_HOST when it names a socket, else the default one. */
const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

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

/** The healthcheck's command as exec takes it (`CMD-SHELL` and the string form through a shell). */
function healthCommand(name: string, service: ComposeService): string[] {
  const test = service.healthcheck?.test;
  if (typeof test === 'string') return ['/bin/sh', '-c', test];
  if (test?.[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  if (test?.[0] === 'CMD') return test.slice(1);
  throw new Error(`${name}: a service_healthy dependency without a healthcheck command`);
}

/** One promise per key, made on first use: each step of the floor runs once, when first needed. */
function once<T>(make: (name: string) => Promise<T>): (name: string) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (name) => {
    let promise = made.get(name);
    if (!promise) made.set(name, (promise = make(name)));
    return promise;
  };
}

export interface Floor {
  upMs: number;
  downMs: number;
}

/** Brings the compose file's services up and down as above; returns both times. */
export async function engineFloor(composeText: string, project: string): Promise<Floor> {
  const services = (parse(composeText) as { services: Record<string, ComposeService> }).services;
  const names = Object.keys(services);
  const dependsOn = (name: string) => Object.entries(services[name]?.depends_on ?? {});
  const dependents = (name: string) =>
    names.filter((other) => dependsOn(other).some(([dep]) => dep === name));
  const labels = { 'dockwright.bench': project };
  const network = `${project}-floor`;
  const ids = new Map<string, string>();
  const exited = new Set<string>();

  const created = once(async (name) => {
    const service = services[name]!;
    const answer = await call('POST', `/containers/create?name=${project}-${name}`, {
      Image: service.image,
      ...(service.command ? { Cmd: service.command } : {}),
      Labels: labels,
      HostConfig: { Init: service.init === true, NetworkMode: network },
    });
    const id = (answer.json as { Id: string }).Id;
    ids.set(name, id);
    return id;
  });
  const started = once(async (name) => {
    await Promise.all(dependsOn(name).map(([dep, { condition }]) => met(dep, condition)));
    const id = await created(name);
    await call('POST', `/containers/${id}/start`);
    return id;
  });
  const healthy = once(async (name) => {
    const id = await started(name);
    const cmd = healthCommand(name, services[name]!);
    const deadline = performance.now() + 30_000;
    while (!(await execPasses(id, cmd))) {
      if (performance.now() > deadline) throw new Error(`${name} never passed its healthcheck`);
    }
  });
  const completed = once(async (name) => {
    const id = await started(name);
    const waited = (await call('POST', `/containers/${id}/wait`)).json as { StatusCode: number };
    if (waited.StatusCode !== 0) throw new Error(`${name} exited ${waited.StatusCode}`);
    exited.add(name);
  });
  function met(name: string, condition: string): Promise<unknown> {
    if (condition === 'service_healthy') return healthy(name);
    if (condition === 'service_completed_successfully') return completed(name);
    return started(name);
  }
  const stopped = once(async (name) => {
    await Promise.all(dependents(name).map((dependent) => stopped(dependent)));
    if (!exited.has(name)) await call('POST', `/containers/${ids.get(name)!}/stop?t=10`);
  });
  const removed = once(async (name) => {
    await stopped(name);
    await call('DELETE', `/containers/${ids.get(name)!}?force=true`);
  });

  try {
    const upStart = performance.now();
    await call('POST', '/networks/create', { Name: network, Labels: labels });
    await Promise.all([
      ...names.map((name) => created(name)),
      ...names.map((name) => started(name)),
      ...names.flatMap((name) => dependsOn(name).map(([dep, { condition }]) => met(dep, condition))),
    ]);
    const upMs = performance.now() - upStart;
    const downStart = performance.now();
    await Promise.all(names.map((name) => removed(name)));
    await call('DELETE', `/networks/${network}`);
    return { upMs, downMs: performance.now() - downStart };
  } catch (error) {
    // Nothing of a failed round is left on the engine.
    await Promise.allSettled([...ids.values()].map((id) => call('DELETE', `/containers/${id}?force=true`)));
    await call('DELETE', `/networks/${network}`).catch(() => undefined);
    throw error;
  }
}
