import { ConsentRequest, type DangerousSetting, type RunSummary } from '../../../shared/ipc/contract';
import { isApiError } from '../../../shared/ipc/errors';
import type { StartRequest } from '../../runs/run-service';
import { CliExit, ExitCode, type CliIo } from '../io';

export interface ConsentOptions {
  /** `--allow-dangerous`: consent to whatever the topology asks for, once, and say so. */
  allowDangerous: boolean;
  json: boolean;
}

/** One aligned line per setting: node, setting, value, and why it is dangerous. */
export function describeSettings(settings: readonly DangerousSetting[]): string {
  const width = (pick: (s: DangerousSetting) => string) =>
    Math.max(...settings.map((s) => pick(s).length)) + 2;
  const node = width((s) => s.nodeId);
  const setting = width((s) => s.setting);
  const value = width((s) => s.value);
  return settings
    .map((s) => `  ${s.nodeId.padEnd(node)}${s.setting.padEnd(setting)}${s.value.padEnd(value)}${s.reason}\n`)
    .join('');
}

function consentAsked(error: unknown): ConsentRequest | undefined {
  if (!isApiError(error) || error.code !== 'CONSENT_REQUIRED') return undefined;
  const details = ConsentRequest.safeParse(error.details);
  return details.success ? details.data : undefined;
}

/**
 * Starts a run; when the main side asks for consent to dangerous settings, refuses (exit 1,
 * nothing started) with every setting and why, or, with `--allow-dangerous`, lists them as a
 * warning and starts again once with their fingerprint.
 */
export async function startWithConsent<R extends { consent?: string } = StartRequest>(
  io: CliIo,
  runs: { start: (request: R) => Promise<RunSummary> },
  request: R,
  options: ConsentOptions,
): Promise<RunSummary> {
  try {
    return await runs.start(request);
  } catch (error) {
    const asked = consentAsked(error);
    if (!asked) throw error;
    const count = `${asked.settings.length} dangerous setting${asked.settings.length === 1 ? '' : 's'}`;
    if (options.json)
      io.stdout(JSON.stringify({ type: 'consent', allowed: options.allowDangerous, ...asked }) + '\n');
    if (!options.allowDangerous) {
      io.stderr(
        `Refused: the topology asks for ${count}, so nothing was started:\n${describeSettings(asked.settings)}` +
          'Each gives its container power over this machine. Run it only if you trust it: add --allow-dangerous.\n',
      );
      throw new CliExit(ExitCode.failure);
    }
    io.stderr(`Running with ${count} (--allow-dangerous):\n${describeSettings(asked.settings)}`);
    return runs.start({ ...request, consent: asked.fingerprint });
  }
}
