import http from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

/** The part of the OTLP trace protocol the tests read (field numbers as in opentelemetry-proto). */
const OTLP_TRACE_PROTO = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message InstrumentationScope { string name = 1; string version = 2; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4;
  string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9; Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; }
}
`;
const RequestType = protobuf.parse(OTLP_TRACE_PROTO).root.lookupType('ExportTraceServiceRequest');

/** A span as received, whatever the encoding: ids in hex, attributes flattened. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  statusCode: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpValue;
}
interface OtlpRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId?: string;
        spanId?: string;
        parentSpanId?: string;
        name?: string;
        status?: { code?: number };
        attributes?: OtlpKeyValue[];
      }>;
    }>;
  }>;
}

const flat = (attributes: OtlpKeyValue[] = []) =>
  Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value?.stringValue ??
        value?.boolValue ??
        (value?.intValue !== undefined ? Number(value.intValue) : value?.doubleValue),
    ]),
  );

function spansOf(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = flat(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId ?? '',
        spanId: span.spanId ?? '',
        parentSpanId: span.parentSpanId ?? '',
        name: span.name ?? '',
        statusCode: span.status?.code ?? 0,
        attributes: flat(span.attributes),
        resource,
      })),
    );
  });
}

/** Decodes a protobuf-encoded ExportTraceServiceRequest for real (protobufjs, the proto above). */
export function decodeProtobuf(body: Buffer): ReceivedSpan[] {
  const decoded = RequestType.toObject(RequestType.decode(body), {
    longs: String,
    bytes: String,
    defaults: false,
  });
  const hex = (base64: unknown) =>
    typeof base64 === 'string' ? Buffer.from(base64, 'base64').toString('hex') : '';
  const request = decoded as OtlpRequest;
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scope of resourceSpans.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        span.traceId = hex(span.traceId);
        span.spanId = hex(span.spanId);
        span.parentSpanId = hex(span.parentSpanId);
      }
    }
  }
  return spansOf(request);
}

/**
 * A local OTLP/HTTP receiver on 127.0.0.1: decodes what exporters post to /v1/traces (JSON or
 * protobuf, by content type) and answers as a collector would, or with `status` when told to fail.
 */
export async function startOtlpReceiver(options: { status?: number } = {}) {
  const spans: ReceivedSpan[] = [];
  const requests: Array<{ contentType: string; path: string }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const contentType = String(request.headers['content-type'] ?? '');
      requests.push({ contentType, path: request.url ?? '' });
      if (options.status) {
        response.writeHead(options.status, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const body = Buffer.concat(chunks);
      if (contentType.startsWith('application/x-protobuf')) {
        spans.push(...decodeProtobuf(body));
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      } else {
        spans.push(...spansOf(JSON.parse(body.toString('utf8')) as OtlpRequest));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
