/**
 * Hosts whose pages the app may open in the system browser: the project's documentation and
 * source, and Docker's documentation. Anything else (other hosts, http:, file:, custom schemes
 * that start programs) is never handed to the operating system.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['github.com', 'docs.docker.com']);

/** An https URL on an allowed host, with no credentials and the default port. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_LINK_HOSTS.has(parsed.hostname)
  );
}
