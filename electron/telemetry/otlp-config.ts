import { urlCredential, withoutCredentials } from '../../shared/text/secret-keys';

type Env = Readonly<Record<string, string | undefined>>;

export type OtlpProtocol = 'http/json' | 'http/protobuf';

/** Where and how spans are exported over OTLP/HTTP, from the standard OTEL_* variables. */
export interface OtlpConfig {
  /** The traces URL the exporter posts to (`…/v1/traces` added to a base endpoint). */
  readonly url: string;
  /** The same URL without user information: what is logged and shown (`telemetry.status`). */
  readonly displayUrl: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** What containers get as OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT. */
  readonly containerEndpoint: { variable: string; value: string };
  /** Things the user should know (an unsupported protocol, for instance). */
  readonly warnings: readonly string[];
  /** Credentials in these settings (header values, URL passwords), to mask wherever they could show. */
  readonly secrets: readonly string[];
}

/** Header values, and their last word (`Bearer TOKEN` -> also `TOKEN`), which logs often print alone. */
function headerSecrets(headers: Readonly<Record<string, string>>): string[] {
  return Object.values(headers).flatMap((value) => {
    const last = value.trim().split(/\s+/).at(-1);
    return last && last !== value ? [value, last] : [value];
  });
}

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/** `key1=value1,key2=value2`, values URL-encoded, as the OTLP exporter spec defines it. */
export function parseKeyValues(text: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      result[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      // A malformed escape: skip the pair rather than fail the app's start.
    }
  }
  return result;
}

/** The service name Dockwright's own spans carry (`OTEL_SERVICE_NAME`, default `dockwright`). */
export function serviceNameFrom(env: Env): string {
  return nonEmpty(env.OTEL_SERVICE_NAME) ?? 'dockwright';
}

/**
 * Reads the exporter settings the way the OpenTelemetry SDKs do: the traces-specific variable wins
 * over the general one; a general endpoint gets `/v1/traces` appended, a traces endpoint is used as
 * is. Returns undefined when no endpoint is set, the SDK is disabled, or the traces exporter is not
 * `otlp`.
 */
export function otlpConfigFromEnv(env: Env): OtlpConfig | undefined {
  if (nonEmpty(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return undefined;
  const exporters = nonEmpty(env.OTEL_TRACES_EXPORTER);
  if (exporters && !exporters.split(',').some((name) => name.trim() === 'otlp')) return undefined;
  const tracesEndpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const baseEndpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  const url = tracesEndpoint ?? (baseEndpoint ? `${baseEndpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url) return undefined;

  const warnings: string[] = [];
  const asked =
    nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ??
    nonEmpty(env.OTEL_EXPORTER_OTLP_PROTOCOL) ??
    'http/protobuf';
  let protocol: OtlpProtocol = 'http/protobuf';
  if (asked === 'http/json' || asked === 'http/protobuf') protocol = asked;
  else warnings.push(`OTLP protocol "${asked}" is not supported; using http/protobuf`);

  const timeout = Number(
    nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT) ?? nonEmpty(env.OTEL_EXPORTER_OTLP_TIMEOUT),
  );
  const override = nonEmpty(env.DOCKWRIGHT_OTLP_CONTAINER_ENDPOINT);
  const headers = {
    ...parseKeyValues(env.OTEL_EXPORTER_OTLP_HEADERS),
    ...parseKeyValues(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
  };
  const endpoints = [url, tracesEndpoint, baseEndpoint, override];
  return {
    url,
    displayUrl: withoutCredentials(url),
    protocol,
    headers,
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
    // Without user information: a container's environment is readable by anyone who can inspect it.
    containerEndpoint: override
      ? { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: withoutCredentials(override) }
      : tracesEndpoint
        ? { variable: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', value: withoutCredentials(tracesEndpoint) }
        : { variable: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: withoutCredentials(baseEndpoint ?? url) },
    warnings,
    secrets: [
      ...headerSecrets(headers),
      ...endpoints.flatMap((endpoint) => {
        const secret = endpoint ? urlCredential(endpoint) : undefined;
        return secret ? [secret] : [];
      }),
    ],
  };
}

/**
 * What a container gets so that a traced program in it joins the run's trace and exports where
 * Dockwright does. Exporter headers and the endpoint's user information are not passed on: they
 * hold credentials, and a container's environment is readable by anyone who can `docker inspect` it.
 */
export function containerOtelEnv(
  config: OtlpConfig | undefined,
  identity: { serviceName: string; project: string; nodeId: string; runId: string },
): Record<string, string> {
  const resource = `dockwright.project=${encodeURIComponent(identity.project)},dockwright.node.id=${encodeURIComponent(identity.nodeId)},dockwright.run.id=${encodeURIComponent(identity.runId)}`;
  if (!config) return {};
  return {
    [config.containerEndpoint.variable]: config.containerEndpoint.value,
    OTEL_EXPORTER_OTLP_PROTOCOL: config.protocol,
    OTEL_SERVICE_NAME: identity.serviceName,
    OTEL_RESOURCE_ATTRIBUTES: resource,
  };
}
