/**
 * The renderer's Content-Security-Policy, the same in the Electron window and in the web mode:
 * only the app's own scripts and workers, no eval, no plugins, no framing, connections to itself only.
 * Inline style attributes are allowed because React Flow positions nodes with them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The document worker (parsing and validating off the page's thread), from the app's own files.
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
