import { ensureTestImages } from './test-images';

// Runs once before the Node test project: the Docker tests need the local test images.
export default function setup(): void {
  ensureTestImages();
}
