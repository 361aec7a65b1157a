import type { ConsentRequest } from '../../shared/ipc/contract';
import { ApiError } from '../../shared/ipc/errors';
import { selectProfiles, type Topology } from '../../shared/topology';
import { consentFingerprint } from '../../shared/topology/consent-fingerprint';
import { dangerousSettings, hostPathsOf } from '../../shared/topology/dangerous-settings';
import { realHostPath, type HostPathBase } from './real-host-path';

/** What the consent check needs of a start request. */
export interface ConsentInput extends HostPathBase {
  /** The fingerprint the user agreed to, if any. */
  consent?: string | undefined;
  /** Active profiles: only the nodes that run are asked about. */
  profiles?: readonly string[] | undefined;
}

/** The topology's dangerous settings, bind sources judged where they really lead, and their fingerprint. */
export async function consentRequest(topology: Topology, base: HostPathBase = {}): Promise<ConsentRequest> {
  const real = new Map<string, string | undefined>();
  for (const source of hostPathsOf(topology)) real.set(source, await realHostPath(source, base));
  const settings = dangerousSettings(topology, (source) => real.get(source));
  return { settings, fingerprint: consentFingerprint(settings) };
}

/**
 * Refuses (CONSENT_REQUIRED, with the settings and their fingerprint as details) a topology whose
 * nodes that run (under the active profiles) have dangerous settings, unless `consent` is exactly
 * their fingerprint. Called before anything of the run is created, on the engine or the host.
 */
export async function requireConsent(topology: Topology, input: ConsentInput): Promise<void> {
  const running = selectProfiles(topology, input.profiles ?? []).topology;
  const request = await consentRequest(running, input);
  const { settings, fingerprint } = request;
  if (settings.length === 0 || input.consent === fingerprint) return;
  const listed = settings.map((s) => `${s.nodeId} ${s.setting}`).join(', ');
  const what = `${settings.length} dangerous setting${settings.length === 1 ? '' : 's'} (${listed})`;
  const message =
    input.consent === undefined
      ? `the topology asks for ${what}: run it only if you trust it, and say so`
      : `the topology's dangerous settings are not the ones agreed to: ${what}`;
  throw new ApiError('CONSENT_REQUIRED', message, request);
}
