/** A RuntimeClass name is a DNS subdomain: `io.containerd.wasmedge.v1` stays as it is. */
export function runtimeClassName(runtime: string): string {
  const name = runtime
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 253);
  return name === '' ? 'runtime' : name;
}
