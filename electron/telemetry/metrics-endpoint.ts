import { startMetricsServer, type MetricsServer } from './metrics-server';

type MetricsSource = Parameters<typeof startMetricsServer>[0];

/**
 * The settings' metrics port: `GET /metrics` on 127.0.0.1, off by default, moved or turned off
 * without a restart. One server at a time; changes are applied in order.
 */
export class MetricsEndpoint {
  private server: MetricsServer | undefined;
  private port: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly metrics: MetricsSource,
    private readonly host = '127.0.0.1',
  ) {}

  get url(): string | undefined {
    return this.server?.url;
  }

  /** Serves on `port` (null: stops serving). Resolves with why it could not, if it could not. */
  set(port: number | null): Promise<string | undefined> {
    const step = this.queue.then(() => this.apply(port));
    this.queue = step.catch(() => undefined);
    return step;
  }

  private async apply(port: number | null): Promise<string | undefined> {
    if (port === this.port && (port === null || this.server)) return undefined;
    await this.server?.close();
    this.server = undefined;
    this.port = port;
    if (port === null) return undefined;
    try {
      this.server = await startMetricsServer(this.metrics, { port, host: this.host });
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'EADDRINUSE'
        ? `Metrics port ${port} is in use by another program: metrics are not served.`
        : `Metrics port ${port} could not be opened: ${(error as Error).message}`;
    }
  }

  close(): Promise<string | undefined> {
    return this.set(null);
  }
}
