import type { Command } from 'commander';
import { CliExit, ExitCode, type CliIo } from '../io';

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

interface EngineOptions {
  json?: boolean;
  images?: boolean;
  dockerHost?: string;
  context?: string;
  contexts?: boolean;
}

async function printContexts(io: CliIo, json: boolean): Promise<void> {
  const [{ listDockerContexts, currentContextName }, { resolveEngine }] = await Promise.all([
    import('../../docker/docker-contexts'),
    import('../../docker/engine-address'),
  ]);
  const contexts = await listDockerContexts(io.env);
  // The docker CLI's `default` context: DOCKER_HOST, else the socket.
  const current = currentContextName(io.env);
  const all = [
    {
      name: 'default',
      host: resolveEngine({ context: 'default' }, io.env).display,
      current: current === 'default',
    },
    ...contexts,
  ];
  if (json) {
    io.stdout(JSON.stringify(all, null, 2) + '\n');
    return;
  }
  const width = Math.max(...all.map((c) => c.name.length)) + 2;
  for (const c of all) io.stdout(`${c.current ? '*' : ' '} ${c.name.padEnd(width)}${c.host}\n`);
}

export function registerEngineCommands(program: Command, io: CliIo): void {
  program
    .command('engine')
    .description(
      'show the Docker engine Dockwright talks to (-H, --context, DOCKER_HOST, DOCKER_CONTEXT, the current docker context, or the default socket)',
    )
    .option('--json', 'print machine-readable JSON')
    .option('--images', 'also list local images')
    .option('-H, --docker-host <url>', 'engine address (overrides --context, DOCKER_HOST, DOCKER_CONTEXT)')
    .option('--context <name>', 'docker context to use (overrides DOCKER_HOST, DOCKER_CONTEXT)')
    .option('--contexts', 'list the docker contexts (* marks the current one) instead')
    .action(async (options: EngineOptions) => {
      if (options.contexts) return printContexts(io, options.json ?? false);
      const [{ DockerEngine }, { silentLogger }, { testEngine }] = await Promise.all([
        import('../../docker/docker-engine'),
        import('../../common/silent-logger'),
        import('../../docker/engine-test'),
      ]);
      // The Settings page's Test: an answer (or why not) within seconds, whatever the address.
      const test = await testEngine({ host: options.dockerHost, context: options.context }, io.env);
      if (!test.ok) {
        if (options.json) {
          const error = { code: test.code ?? 'ENGINE_UNAVAILABLE', message: test.message };
          io.stdout(JSON.stringify({ reachable: false, host: test.host, error }, null, 2) + '\n');
        } else io.stderr(`${test.message}\n`);
        throw new CliExit(ExitCode.failure);
      }
      const engine = new DockerEngine({
        logger: silentLogger,
        env: io.env,
        ...(options.dockerHost ? { host: options.dockerHost } : {}),
        ...(options.context ? { context: options.context } : {}),
      });
      const info = await engine.info();
      const images = info.reachable && options.images ? await engine.images() : undefined;
      if (options.json) {
        io.stdout(JSON.stringify(images ? { ...info, imageList: images } : info, null, 2) + '\n');
      } else if (info.reachable) {
        const context = engine.host.context ? ` (context ${engine.host.context})` : '';
        io.stdout(
          [
            `Engine:      ${info.host}${context}`,
            `Version:     Docker ${info.version} (API ${info.apiVersion})`,
            `OS:          ${info.os} (${info.osType}/${info.arch}, kernel ${info.kernelVersion})`,
            `Containers:  ${info.containers} (${info.containersRunning} running)`,
            `Images:      ${info.images}`,
          ].join('\n') + '\n',
        );
        for (const image of images ?? []) {
          io.stdout(
            `  ${(image.tags[0] ?? image.id.slice(7, 19)).padEnd(48)} ${formatBytes(image.sizeBytes)}\n`,
          );
        }
      } else {
        io.stderr(`${info.error.message}\n`);
      }
      if (!info.reachable) throw new CliExit(ExitCode.failure);
    });
}
