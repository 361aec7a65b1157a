type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment as the settings screen's OTLP endpoint and headers amend it: an endpoint set
 * there wins over every OTEL_* endpoint variable (and over a disabled SDK); with none, the
 * variables apply as they are.
 */
export function withOtlpSettings(
  env: Env,
  otlp: { readonly endpoint?: string | undefined; readonly headers: Readonly<Record<string, string>> },
): Env {
  if (!otlp.endpoint) return env;
  const headers = Object.entries(otlp.headers)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join(',');
  return {
    ...env,
    OTEL_SDK_DISABLED: undefined,
    OTEL_TRACES_EXPORTER: undefined,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    OTEL_EXPORTER_OTLP_HEADERS: headers,
  };
}
