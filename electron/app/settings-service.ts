import {
  AppSettings,
  DEFAULT_SETTINGS,
  type EngineChoice,
  type SettingsPatch,
  type SettingsView,
} from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import type { Logger } from '../common/logger';
import { resolveDockerContext } from '../docker/docker-contexts';
import type { DockerEngine } from '../docker/docker-engine';
import type { MetricsEndpoint } from '../telemetry/metrics-endpoint';
import { otlpConfigFromEnv } from '../telemetry/otlp-config';
import { withOtlpSettings } from '../telemetry/otlp-settings';
import type { Telemetry } from '../telemetry/telemetry';
import { readSettingsFile, settingsFile, writeSettingsFile, type ReadSettings } from './settings';

type Env = Readonly<Record<string, string | undefined>>;

export interface SettingsServiceOptions {
  dataDir: string;
  logger: Logger;
  env: Env;
  engine: DockerEngine;
  telemetry: Telemetry;
  metrics: MetricsEndpoint;
  /** Runs in progress: the engine is not switched under them. */
  activeRuns: () => number;
  /** `settings.changed`. */
  emit: (view: SettingsView) => void;
  /** The engine given on the command line (`--docker-host`): it wins over the setting at start. */
  explicitDockerHost?: string;
}

type Area = 'file' | 'engine' | 'metrics';

/** An engine choice as an address and the environment it is read with. */
export async function engineAddress(
  choice: EngineChoice,
  env: Env,
): Promise<{ host: string | undefined; env: Env }> {
  switch (choice.kind) {
    case 'default':
      return { host: undefined, env };
    case 'host':
      return { host: choice.host, env };
    case 'context':
      return resolveDockerContext(choice.name, env);
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The settings: read from `<data dir>/settings.json`, changed through `settings.set`, written
 * atomically, and applied where they act on the main side without a restart: the engine address
 * (the DockerEngine reconnects), the OTLP exporter (restarted) and the metrics port (reopened).
 * Theme, log buffer and the welcome are the renderer's to apply.
 */
export class SettingsService {
  private settings: AppSettings = DEFAULT_SETTINGS;
  private loading: Promise<void> | undefined;
  private readonly notes = new Map<Area, string>();
  private writes: Promise<unknown> = Promise.resolve();
  private newerFile = false;

  constructor(private readonly options: SettingsServiceOptions) {}

  /** Reads the file and applies it (once; later calls wait for the first). */
  start(read?: ReadSettings): Promise<void> {
    this.loading ??= this.load(read);
    return this.loading;
  }

  private async load(given?: ReadSettings): Promise<void> {
    const read = given ?? (await readSettingsFile(this.options.dataDir));
    for (const warning of read.warnings) this.options.logger.warn(warning);
    if (read.warnings.length > 0) this.notes.set('file', read.warnings.join(' '));
    this.newerFile = read.newer;
    this.settings = read.settings;
    if (read.rewrite) await this.persist().catch(() => undefined);
    await this.apply(DEFAULT_SETTINGS, this.settings, { start: true });
  }

  get current(): AppSettings {
    return this.settings;
  }

  view(): SettingsView {
    const metricsUrl = this.options.metrics.url;
    return {
      settings: this.settings,
      dataDir: this.options.dataDir,
      file: settingsFile(this.options.dataDir),
      engineHost: this.options.engine.host.display,
      ...(metricsUrl ? { metricsUrl } : {}),
      notes: [...this.notes.values()],
    };
  }

  async get(): Promise<SettingsView> {
    await this.start();
    return this.view();
  }

  async set(patch: SettingsPatch): Promise<SettingsView> {
    await this.start();
    const next = AppSettings.parse({ ...this.settings, ...patch });
    if (!sameJson(next.engine, this.settings.engine) && this.options.activeRuns() > 0) {
      throw new ApiError(
        'CONFLICT',
        'A run is in progress on the current engine: stop it (or let it finish) before switching engines.',
      );
    }
    if (next.engine.kind === 'context') await engineAddress(next.engine, this.options.env); // NOT_FOUND early
    const previous = this.settings;
    this.settings = next;
    this.newerFile = false;
    this.notes.delete('file');
    await this.persist();
    await this.apply(previous, next, { start: false });
    const view = this.view();
    this.options.emit(view);
    return view;
  }

  private persist(): Promise<void> {
    if (this.newerFile) return Promise.resolve();
    const settings = this.settings;
    const write = this.writes.then(() => writeSettingsFile(this.options.dataDir, settings));
    this.writes = write.catch(() => undefined);
    return write.catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'settings could not be written');
      throw new ApiError('INTERNAL', `The settings could not be saved: ${(error as Error).message}`);
    });
  }

  private async apply(previous: AppSettings, next: AppSettings, { start }: { start: boolean }) {
    const { engine, telemetry, metrics, env, explicitDockerHost, logger } = this.options;
    if (start ? next.engine.kind !== 'default' : !sameJson(previous.engine, next.engine)) {
      if (start && explicitDockerHost) {
        this.notes.set(
          'engine',
          `The engine was given on the command line (${explicitDockerHost}); the Docker engine setting applies once you change it here.`,
        );
      } else {
        try {
          const address = await engineAddress(next.engine, env);
          engine.setHost(address.host, address.env);
          this.notes.delete('engine');
        } catch (error) {
          const message = `The Docker engine setting could not be used: ${(error as Error).message}`;
          logger.warn(message);
          this.notes.set('engine', message);
        }
      }
    }
    if (start ? next.otlp.endpoint !== undefined : !sameJson(previous.otlp, next.otlp)) {
      await telemetry.setOtlp(otlpConfigFromEnv(withOtlpSettings(env, next.otlp)));
    }
    if (start ? next.metrics !== null : !sameJson(previous.metrics, next.metrics)) {
      const problem = await metrics.set(next.metrics?.port ?? null);
      if (problem) {
        logger.warn(problem);
        this.notes.set('metrics', problem);
      } else {
        this.notes.delete('metrics');
        if (metrics.url) logger.info({ url: metrics.url }, 'serving metrics');
      }
    }
  }
}
