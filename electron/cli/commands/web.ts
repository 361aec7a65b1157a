import type { Command } from 'commander';
import { CliExit, ExitCode, type CliIo } from '../io';

export interface WebCommandContext {
  /** The built renderer, served as the web UI. */
  staticDir: string;
  /** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
  untilStopped: () => Promise<unknown>;
}

export const DEFAULT_WEB_PORT = 7420;

interface WebOptions {
  port: string;
  host: string;
  dataDir?: string;
  dockerHost?: string;
  context?: string;
  newToken?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliExit(ExitCode.usage, `--port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function registerWebCommand(program: Command, io: CliIo, context: WebCommandContext): void {
  program
    .command('web')
    .description('serve the Dockwright UI on this machine (127.0.0.1) and print its URL with a token')
    .option('-p, --port <port>', `port to listen on (0 for any free port)`, String(DEFAULT_WEB_PORT))
    .option('--host <host>', 'address to bind; anything but loopback exposes your Docker engine', '127.0.0.1')
    .option('--data-dir <dir>', 'where settings, run history and logs are kept')
    .option('-H, --docker-host <url>', 'engine address (overrides --context, DOCKER_HOST, DOCKER_CONTEXT)')
    .option('--context <name>', 'docker context to use (overrides DOCKER_HOST, DOCKER_CONTEXT)')
    .option('--new-token', 'make a new token (pages still open with the old one must be opened anew)')
    .action(async (options: WebOptions) => {
      const port = parsePort(options.port);
      const [
        { createAppServices },
        { resolveDataDir },
        { isLoopbackHost, startWebServer },
        { createLogger },
        { webToken },
      ] = await Promise.all([
        import('../../app/services'),
        import('../../common/data-dir'),
        import('../../server/web-server'),
        import('../../common/logger'),
        import('../../server/web-token'),
      ]);
      const dataDir = resolveDataDir(io.cwd, options.dataDir, io.env);
      if (!isLoopbackHost(options.host)) {
        io.stderr(
          `WARNING: binding to ${options.host}: anyone who can reach this address and learns the token ` +
            'can control your Docker engine. Prefer 127.0.0.1 and an SSH tunnel.\n',
        );
      }
      const logger = createLogger({ dataDir, stderrLevel: 'warn' });
      const services = createAppServices({
        logger,
        dataDir,
        env: io.env,
        // As the desktop app: settings.json's engine, OTLP endpoint and metrics port apply.
        applySettings: true,
        ...(options.dockerHost ? { dockerHost: options.dockerHost } : {}),
        ...(options.context ? { dockerContext: options.context } : {}),
      });
      let server;
      try {
        server = await startWebServer({
          dispatcher: services.dispatcher,
          events: services.hub,
          metrics: services.telemetry.metrics,
          logger,
          staticDir: context.staticDir,
          host: options.host,
          port,
          // Kept in the data dir: open pages reconnect after a restart of the server.
          token: await webToken(dataDir, options.newToken === true),
        });
      } catch (error) {
        await services.dispose();
        const code = (error as { code?: string }).code;
        io.stderr(
          code === 'EADDRINUSE'
            ? `Port ${port} is already in use; pass --port N (or --port 0 for any free port).\n`
            : `Could not start the web server: ${(error as Error).message}\n`,
        );
        throw new CliExit(ExitCode.failure);
      }
      io.stdout(`Dockwright web mode: ${server.url}\n`);
      io.stdout(`Data directory: ${dataDir}\n`);
      await context.untilStopped();
      await server.close();
      await services.dispose();
    });
}
