import { notificationUrlProblem } from '../../../shared/topology/validate-workflows';
import {
  ALL_NOTIFICATION_EVENTS,
  targetEvents,
  type NotificationEvent,
  type NotificationTarget,
} from '../../../shared/topology/workflow-parts';
import {
  LOG_BUFFER_LINES,
  type AppSettings,
  type EngineChoice,
  type SettingsPatch,
  type ThemeChoice,
} from '../../../shared/ipc/contract';

/** The settings form as typed: strings where the user types, checked when saved. */
export interface SettingsDraft {
  engineKind: EngineChoice['kind'];
  host: string;
  context: string;
  otlpEndpoint: string;
  headers: Array<{ name: string; value: string }>;
  metricsOn: boolean;
  metricsPort: string;
  theme: ThemeChoice;
  logBufferLines: string;
  /** Webhooks told of every project's runs: a URL as typed, and the events it hears. */
  notifications: Array<{ url: string; events: NotificationEvent[] }>;
}

export function draftFrom(settings: AppSettings): SettingsDraft {
  return {
    engineKind: settings.engine.kind,
    host: settings.engine.kind === 'host' ? settings.engine.host : '',
    context: settings.engine.kind === 'context' ? settings.engine.name : '',
    otlpEndpoint: settings.otlp.endpoint ?? '',
    headers: Object.entries(settings.otlp.headers).map(([name, value]) => ({ name, value })),
    metricsOn: settings.metrics !== null,
    metricsPort: String(settings.metrics?.port ?? 9464),
    theme: settings.theme,
    logBufferLines: String(settings.logBufferLines),
    notifications: settings.notifications.map((t) => ({ url: t.url, events: [...targetEvents(t)] })),
  };
}

export function engineChoiceOf(draft: SettingsDraft): EngineChoice {
  switch (draft.engineKind) {
    case 'default':
      return { kind: 'default' };
    case 'host':
      return { kind: 'host', host: draft.host.trim() };
    case 'context':
      return { kind: 'context', name: draft.context };
  }
}

export type DraftErrors = Partial<
  Record<
    'host' | 'context' | 'otlpEndpoint' | 'headers' | 'metricsPort' | 'logBufferLines' | 'notifications',
    string
  >
>;

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** The patch to send, or what is wrong with the form, field by field. */
export function patchFrom(draft: SettingsDraft): { patch: SettingsPatch } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (draft.engineKind === 'host' && !/^(unix|npipe|tcp|ssh|http|https):\/\/\S+$/.test(draft.host.trim())) {
    errors.host = 'An address such as unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host.';
  }
  if (draft.engineKind === 'context' && draft.context === '') errors.context = 'Choose a docker context.';
  const endpoint = draft.otlpEndpoint.trim();
  if (endpoint !== '' && !/^https?:\/\/\S+$/.test(endpoint)) {
    errors.otlpEndpoint = 'An http:// or https:// URL, such as http://127.0.0.1:4318.';
  }
  const headers: Record<string, string> = {};
  for (const { name, value } of draft.headers) {
    const key = name.trim();
    if (key === '' && value === '') continue;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) errors.headers = `"${key}" is not a header name.`;
    else headers[key] = value;
  }
  const port = whole(draft.metricsPort);
  if (draft.metricsOn && !(port >= 1 && port <= 65535)) errors.metricsPort = 'A port from 1 to 65535.';
  const lines = whole(draft.logBufferLines);
  if (!(lines >= LOG_BUFFER_LINES.min && lines <= LOG_BUFFER_LINES.max)) {
    errors.logBufferLines = `From ${LOG_BUFFER_LINES.min.toLocaleString('en')} to ${LOG_BUFFER_LINES.max.toLocaleString('en')} lines.`;
  }
  const notifications: NotificationTarget[] = [];
  draft.notifications.forEach(({ url, events }, i) => {
    const trimmed = url.trim();
    if (trimmed === '') return;
    const wrong = notificationUrlProblem(trimmed);
    if (wrong) errors.notifications = `Webhook ${i + 1}: ${wrong}`;
    else if (events.length === 0) errors.notifications = `Webhook ${i + 1}: choose an event to send it.`;
    else
      notifications.push(
        events.length === ALL_NOTIFICATION_EVENTS.length
          ? { url: trimmed }
          : { url: trimmed, events: ALL_NOTIFICATION_EVENTS.filter((e) => events.includes(e)) },
      );
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    patch: {
      engine: engineChoiceOf(draft),
      otlp: { ...(endpoint ? { endpoint } : {}), headers },
      metrics: draft.metricsOn ? { port } : null,
      theme: draft.theme,
      logBufferLines: lines,
      notifications,
    },
  };
}
