import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` before `npm run test:e2e`.');
  }
  // The run tests use local images (no registry): build them when missing.
  execFileSync('bash', [path.join(root, 'scripts', 'test-images.sh')], { stdio: 'inherit' });
  // The templates run one sample image, also built locally.
  execFileSync('bash', [path.join(root, 'scripts', 'template-images.sh')], { stdio: 'inherit' });
}
