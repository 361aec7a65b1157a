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

export function registerEngineCommands(program: Command, io: CliIo): void {
  program
    .command('engine')
    .description('show the Docker engine Dockwright talks to (DOCKER_HOST or the default socket)')
    .option('--json', 'print machine-readable JSON')
    .option('--images', 'also list local images')
    .option('-H, --docker-host <url>', 'engine address (overrides DOCKER_HOST)')
    .action(async (options: { json?: boolean; images?: boolean; dockerHost?: string }) => {
      const [{ DockerEngine }, { silentLogger }] = await Promise.all([
        import('../../docker/docker-engine'),
        import('../../common/silent-logger'),
      ]);
      const engine = new DockerEngine({
        logger: silentLogger,
        env: io.env,
        ...(options.dockerHost ? { host: options.dockerHost } : {}),
      });
      const info = await engine.info();
      const images = info.reachable && options.images ? await engine.images() : undefined;
      if (options.json) {
        io.stdout(JSON.stringify(images ? { ...info, imageList: images } : info, null, 2) + '\n');
      } else if (info.reachable) {
        io.stdout(
          [
            `Engine:      ${info.host}`,
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
