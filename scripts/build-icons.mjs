#!/usr/bin/env node
// The app icon at every size a platform asks for, from assets/icon.svg: PNGs (16 to 1024, for
// Linux and the window), icon.icns (macOS) and icon.ico (Windows), into build/icons/. Rendered with
// @resvg/resvg-js (a prebuilt binary from the npm registry, no install script) and packed with
// png2icons (plain JavaScript). `npm run dist` runs it; `npm run icons` alone too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function renderIcon(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

/** Writes build/icons/{png/NxN.png, icon.png, icon.icns, icon.ico}; returns the files written. */
export function buildIcons(
  root = path.resolve(import.meta.dirname, '..'),
  out = path.join(root, 'build', 'icons'),
) {
  const svg = readFileSync(path.join(root, 'assets', 'icon.svg'));
  mkdirSync(path.join(out, 'png'), { recursive: true });
  const written = [];
  const write = (file, data) => {
    if (!data) throw new Error(`could not make ${file}`);
    writeFileSync(path.join(out, file), data);
    written.push(file);
  };
  for (const size of ICON_SIZES) write(path.join('png', `${size}x${size}.png`), renderIcon(svg, size));
  const large = renderIcon(svg, 1024);
  write('icon.png', large);
  write('icon.icns', png2icons.createICNS(large, png2icons.BICUBIC, 0));
  write('icon.ico', png2icons.createICO(large, png2icons.BICUBIC, 0, false, true));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = buildIcons();
  console.log(`icons: ${files.length} files in build/icons`);
}
