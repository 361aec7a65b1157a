import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const BUSYBOX_IMAGE = 'dockwright-test/busybox:1';
export const HTTP_IMAGE = 'dockwright-test/http:1';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Builds the local test images if they are missing (no registry needed). */
export function ensureTestImages(): void {
  execFileSync('bash', [path.join(ROOT, 'scripts', 'test-images.sh')], { stdio: 'inherit' });
}

/** The engine's version as the docker CLI sees it: an independent witness for assertions. */
export function dockerCliServerVersion(): string {
  return execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
}
