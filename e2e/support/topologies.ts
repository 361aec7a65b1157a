import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { stringify } from 'yaml';
import { expect } from '../fixtures';
import { EditorPage } from '../pages/editor-page';

export type Nodes = Record<string, Record<string, unknown>>;

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** Removes whatever of the project is still on the engine (after a failure; Clean up is tested). */
export function removeProject(project: string): void {
  const filter = `label=dockwright.project=${project}`;
  const ids = (cmd: string[]) =>
    docker(...cmd, '-q', '--filter', filter)
      .split('\n')
      .filter(Boolean);
  const containers = ids(['ps', '-a']);
  if (containers.length > 0) docker('rm', '-f', ...containers);
  for (const network of ids(['network', 'ls'])) docker('network', 'rm', network);
  for (const volume of ids(['volume', 'ls'])) docker('volume', 'rm', '-f', volume);
}

/** Writes a topology into the server's data dir and opens it through the Open dialog. */
export async function openTopology(
  page: Page,
  dataDir: string,
  project: string,
  nodes: Nodes,
): Promise<void> {
  const folder = path.join(dataDir, 'topologies');
  mkdirSync(folder, { recursive: true });
  const layout = Object.fromEntries(Object.keys(nodes).map((id, i) => [id, { x: 80 + i * 320, y: 120 }]));
  writeFileSync(
    path.join(folder, `${project}.yaml`),
    stringify({
      apiVersion: 'dockwright.dev/v1alpha2',
      kind: 'Topology',
      metadata: { name: project },
      // As the editor draws containers: with an init process, so they stop at once on Clean up.
      spec: {
        nodes: Object.fromEntries(
          Object.entries(nodes).map(([id, node]) => [
            id,
            (node.kind === 'service' || node.kind === 'job') && node.init === undefined
              ? { ...node, init: true }
              : node,
          ]),
        ),
      },
      layout: { nodes: layout },
    }),
  );
  const editor = new EditorPage(page);
  await editor.button('Open').click();
  const dialog = page.getByRole('dialog', { name: 'Open' });
  await dialog.getByRole('button', { name: `${project}.yaml` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editor.nodes()).toHaveCount(Object.keys(nodes).length);
  await expect(editor.button('Run')).toBeEnabled();
}
