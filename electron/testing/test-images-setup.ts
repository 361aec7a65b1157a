import { ensureTestImages } from './test-images';

// Runs once before the Docker test project: those tests need the local test images.
export default function setup(): void {
  ensureTestImages();
}
