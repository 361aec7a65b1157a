import type { CallOptions, Api } from '../../../shared/ipc/api';
import { ConsentRequest, type RequestInput, type RunSummary } from '../../../shared/ipc/contract';
import { isApiError } from '../../../shared/ipc/errors';
import type { AppStore } from '../store/app-store';
import { isConsented, rememberConsent } from './consent-memory';
import { askConsent, whileAsking } from './run-dialog-state';

function consentAsked(error: unknown): ConsentRequest | undefined {
  if (!isApiError(error) || error.code !== 'CONSENT_REQUIRED') return undefined;
  const details = ConsentRequest.safeParse(error.details);
  return details.success ? details.data : undefined;
}

/**
 * Starts a run. When the main side asks for consent to dangerous settings, a fingerprint the
 * user agreed to before is sent at once; otherwise the consent dialog asks, and "Run anyway"
 * remembers it and sends it. Null when the user cancels: nothing was started.
 */
export async function startWithConsent(
  api: Api,
  store: AppStore,
  request: RequestInput<'runs.start'>,
  options?: CallOptions,
): Promise<RunSummary | null> {
  try {
    return await api.runs.start(request, options);
  } catch (error) {
    const asked = consentAsked(error);
    if (!asked) throw error;
    if (!isConsented(asked.fingerprint)) {
      if (!(await whileAsking(store, 'run', askConsent(store, asked)))) return null;
      rememberConsent(asked.fingerprint);
    }
    return api.runs.start({ ...request, consent: asked.fingerprint }, options);
  }
}
