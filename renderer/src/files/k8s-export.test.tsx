import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { replaceNode } from '../../../shared/topology';
import { kubeSchemaErrors } from '../../../shared/testing/k8s-validate';
import type { KubeObject } from '../../../shared/k8s';
import { makeTopology } from '../../../shared/testing/topologies';
import { renderFiles } from '../testing/render-files';
import { exportDialogHarness, stubClipboard } from '../testing/export-dialog-harness';

const shop = makeTopology(
  {
    db: { kind: 'service', image: 'postgres:16-alpine', expose: ['5432'] },
    web: { kind: 'service', image: 'shop/web:1', ports: [{ target: 80, published: 8080 }] },
    migrate: {
      kind: 'job',
      image: 'shop/migrate:1',
      dependsOn: [{ node: 'db', condition: 'started' }],
      retry: { maxAttempts: 3 },
      timeout: '2m',
    },
  },
  { metadata: { name: 'shop' }, spec: { secrets: { db_password: { file: './db.txt' } } } },
);

const { downloads, open: openExport } = exportDialogHarness({
  button: 'Export Kubernetes',
  yamlLabel: /^Kubernetes YAML/,
  render: (options: Parameters<typeof renderFiles>[0] = {}) => renderFiles({ doc: shop, ...options }),
});

const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as KubeObject);

describe('Export Kubernetes', () => {
  it('previews the objects and the fidelity report of the current document, and follows it', async () => {
    const { dialog, yaml, store } = await openExport();
    expect(yaml.readOnly).toBe(true);
    const exported = objects(yaml.value);
    expect(kubeSchemaErrors(exported)).toEqual([]);
    const job = exported.find((o) => o.kind === 'Job');
    expect(job?.kind === 'Job' && job.spec?.backoffLimit).toBe(2);
    expect(job?.kind === 'Job' && job.spec?.template.spec?.initContainers?.[0]?.name).toBe('wait-for-db');

    const report = within(dialog).getByRole('region', { name: 'Fidelity report' });
    const items = within(report)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(items.some((t) => t.includes('kubectl port-forward service/web 8080:80'))).toBe(true);
    expect(items.some((t) => t.includes('kubectl create secret generic db-password'))).toBe(true);

    act(() =>
      store
        .getState()
        .edit((doc) => replaceNode(doc, 'db', { kind: 'service', image: 'postgres:17-alpine' })),
    );
    expect(yaml.value).toContain('postgres:17-alpine');

    fireEvent.change(within(dialog).getByLabelText('Namespace'), { target: { value: 'shop' } });
    expect(objects(yaml.value).every((o) => o.metadata?.namespace === 'shop')).toBe(true);
    fireEvent.change(within(dialog).getByLabelText(/^Wait image/), {
      target: { value: 'example/kubectl:1' },
    });
    expect(yaml.value).toContain('image: example/kubectl:1');
  });

  it('copies the YAML and says so', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    stubClipboard(writeText);
    const { dialog, yaml } = await openExport();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe('Copied');
    expect(writeText).toHaveBeenCalledWith(yaml.value);
  });

  it('downloads shop.k8s.yaml in the web mode, and saves it beside a server-side topology file', async () => {
    const { dialog, yaml, files } = await openExport({ path: 'team/shop.yaml' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save as shop.k8s.yaml' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'Downloaded shop.k8s.yaml and saved team/shop.k8s.yaml',
    );
    expect(downloads.map((d) => d.name)).toEqual(['shop.k8s.yaml']);
    expect(await downloads[0]?.text).toBe(yaml.value);
    expect(files.get('team/shop.k8s.yaml')).toBe(yaml.value);
  });

  it('closes with Escape and gives focus back to the button', async () => {
    const { dialog } = await openExport();
    const opener = screen.getByRole('button', { name: 'Export Kubernetes' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
