import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { relationEdgeId } from '../../../../shared/topology';
import { makeTopology } from '../../../../shared/testing/topologies';
import { renderInspector } from '../../testing/render-inspector';

afterEach(cleanup);

const field = (label: string) => screen.getByLabelText<HTMLInputElement>(label);

const shop = () =>
  makeTopology(
    {
      db: { kind: 'service', image: 'postgres:16', healthcheck: { test: ['CMD', 'pg_isready'] } },
      api: {
        kind: 'service',
        image: 'shop/api:1',
        ports: [{ target: 8080, published: 8080 }],
        dependsOn: [{ node: 'db', condition: 'started' }],
        networks: [{ network: 'backend' }],
        mounts: [{ type: 'volume', source: 'data', target: '/data' }],
      },
      backend: { kind: 'network' },
      data: { kind: 'volume' },
    },
    { metadata: { name: 'shop' } },
  );

describe('Inspector: a selected edge', () => {
  it('edits a dependency: condition, required, restart; and removes it', () => {
    const edge = relationEdgeId('dependency', 'db', 'api', 0);
    const { store, node } = renderInspector(shop(), { edges: [edge] });
    expect(screen.getByText('api waits for db')).toBeTruthy();

    fireEvent.change(field('Condition'), { target: { value: 'healthy' } });
    expect(node('api')).toMatchObject({ dependsOn: [{ node: 'db', condition: 'healthy' }] });
    expect(field('Condition').value).toBe('healthy');

    expect(field('Required').checked).toBe(true);
    fireEvent.click(field('Required'));
    fireEvent.click(field('Restart'));
    expect(node('api')).toMatchObject({ dependsOn: [{ node: 'db', required: false, restart: true }] });
    fireEvent.click(field('Required'));
    expect((node('api') as { dependsOn: object[] }).dependsOn[0]).not.toHaveProperty('required');

    // A service runs until stopped, so waiting for it to complete is flagged under the field.
    fireEvent.change(field('Condition'), { target: { value: 'completed' } });
    const described = document.getElementById(field('Condition').getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toMatch(/complete/i);

    fireEvent.click(screen.getByRole('button', { name: 'Remove connection' }));
    expect(node('api')).not.toHaveProperty('dependsOn');
    expect(store.getState().selectedEdges).toEqual([]);
    expect(field('Project name').value).toBe('shop');
  });

  it('edits a network attachment and a mount through their edges', () => {
    const { store, node } = renderInspector(shop(), {
      edges: [relationEdgeId('network', 'backend', 'api', 0)],
    });
    fireEvent.change(field('Aliases'), { target: { value: 'api-internal\nshop-api' } });
    expect(node('api')).toMatchObject({
      networks: [{ network: 'backend', aliases: ['api-internal', 'shop-api'] }],
    });

    act(() => store.getState().select([], [relationEdgeId('mount', 'data', 'api', 0)]));
    fireEvent.change(field('Mount target'), { target: { value: '/var/lib/data' } });
    fireEvent.click(field('Read-only'));
    expect(node('api')).toMatchObject({
      mounts: [{ type: 'volume', source: 'data', target: '/var/lib/data', readOnly: true }],
    });
    fireEvent.change(field('Mount target'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('The target is required.');
    expect(node('api')).toMatchObject({ mounts: [{ target: '/var/lib/data' }] });
  });
});

describe('Inspector: selections', () => {
  it('shows a count for several items and deletes them all', () => {
    const edge = relationEdgeId('dependency', 'db', 'api', 0);
    const { store } = renderInspector(shop(), { nodes: ['db', 'data'], edges: [edge] });
    expect(screen.getByRole('status').textContent).toBe('2 nodes and 1 connection selected');
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const { doc, selectedNodes } = store.getState();
    expect(Object.keys(doc.spec.nodes)).toEqual(['api', 'backend']);
    expect(doc.spec.nodes.api).not.toHaveProperty('dependsOn');
    expect(doc.spec.nodes.api).not.toHaveProperty('mounts');
    expect(selectedNodes).toEqual([]);
    act(() => store.getState().undo());
    expect(Object.keys(store.getState().doc.spec.nodes)).toHaveLength(4);
  });

  it('with nothing selected, edits the project name, keeping an empty one on screen', () => {
    const { store } = renderInspector(shop());
    fireEvent.change(field('Project name'), { target: { value: 'Shop!' } });
    expect(store.getState().doc.metadata.name).toBe('Shop!');
    const described = document.getElementById(field('Project name').getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toContain('Project name "Shop!" must be lowercase letters');
    fireEvent.change(field('Project name'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('A project name is required.');
    expect(store.getState().doc.metadata.name).toBe('Shop!');
    fireEvent.change(field('Description'), { target: { value: 'The shop' } });
    expect(store.getState().doc.metadata).toEqual({ name: 'Shop!', description: 'The shop' });
  });
});

describe('Inspector: lists', () => {
  it('adds and removes ports, refusing a port without its container port', () => {
    const { node } = renderInspector(makeTopology({ web: { kind: 'service', image: 'nginx' } }), {
      nodes: ['web'],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add port' }));
    fireEvent.change(field('New container port'), { target: { value: 'http' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toContain('not a port number');
    fireEvent.change(field('New container port'), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(node('web')).toMatchObject({ ports: [{ target: 80 }] });
    fireEvent.change(field('Published'), { target: { value: '8080' } });
    fireEvent.change(field('Protocol'), { target: { value: 'udp' } });
    expect(node('web')).toMatchObject({ ports: [{ target: 80, published: 8080, protocol: 'udp' }] });

    fireEvent.change(field('Container port'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Required.');
    expect(node('web')).toMatchObject({ ports: [{ target: 80 }] });

    fireEvent.click(screen.getByRole('button', { name: 'Remove port 1' }));
    expect(node('web')).toEqual({ kind: 'service', image: 'nginx' });
  });

  it('adds a dependency the way the canvas connects, with the reason when refused', () => {
    const doc = shop();
    const { node, store } = renderInspector(doc, { nodes: ['db'] });
    fireEvent.change(field('Add dependency'), { target: { value: 'api' } });
    expect(screen.getByRole('alert').textContent).toContain('cycle');
    expect(store.getState().doc).toBe(doc);

    act(() => store.getState().select(['api']));
    expect(field('Condition (db)').value).toBe('started');
    fireEvent.click(screen.getByRole('button', { name: 'Remove dependency on db' }));
    expect(node('api')).not.toHaveProperty('dependsOn');
    fireEvent.change(field('Add dependency'), { target: { value: 'db' } });
    // db has a healthcheck, so the suggested condition is healthy.
    expect(node('api')).toMatchObject({ dependsOn: [{ node: 'db', condition: 'healthy' }] });
  });

  it('switches a mount to a bind mount with a host path to edit', () => {
    const { node } = renderInspector(shop(), { nodes: ['api'] });
    fireEvent.change(field('Type'), { target: { value: 'bind' } });
    expect(node('api')).toMatchObject({ mounts: [{ type: 'bind', source: './data', target: '/data' }] });
    fireEvent.change(field('Host path'), { target: { value: './state' } });
    expect(node('api')).toMatchObject({ mounts: [{ type: 'bind', source: './state' }] });
  });
});

describe('Inspector: volumes and networks', () => {
  it('edits a network: flags, and subnets added through their own form', () => {
    const { node, store } = renderInspector(shop(), { nodes: ['backend'] });
    expect(screen.queryByLabelText('Image')).toBeNull();
    fireEvent.click(field('Internal (no outside access)'));
    fireEvent.click(screen.getByRole('button', { name: 'Add subnet' }));
    fireEvent.change(field('New subnet'), { target: { value: '172.20.0.0/24' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.change(field('Gateway'), { target: { value: '172.20.0.1' } });
    expect(node('backend')).toEqual({
      kind: 'network',
      internal: true,
      subnets: [{ subnet: '172.20.0.0/24', gateway: '172.20.0.1' }],
    });

    act(() => store.getState().select(['data']));
    fireEvent.change(field('Driver'), { target: { value: 'local' } });
    fireEvent.change(field('Exact resource name'), { target: { value: 'shop_data' } });
    expect(node('data')).toEqual({ kind: 'volume', driver: 'local', dockerName: 'shop_data' });
  });
});

describe('Inspector: revealing a problem', () => {
  it('focuses the field a problem points at, opening its section', () => {
    const { store } = renderInspector(shop(), { nodes: ['db'] });
    act(() => store.getState().reveal('api', ['ports', 0, 'published']));
    const published = field('Published');
    expect(published.dataset.path).toBe('ports.0.published');
    expect(document.activeElement).toBe(published);

    const advanced = document.querySelector('details[data-section="advanced"]') as HTMLDetailsElement;
    expect(advanced.open).toBe(false);
    act(() => store.getState().reveal('api', ['stopGracePeriod']));
    expect(advanced.open).toBe(true);
    expect(document.activeElement).toBe(field('Stop grace period'));

    // A path to a row focuses the row's first field.
    act(() => store.getState().reveal('api', ['dependsOn', 0]));
    expect((document.activeElement as HTMLElement).dataset.path).toBe('dependsOn.0.node');
  });

  it('asking again for the same field focuses it again', () => {
    const { store } = renderInspector(shop(), { nodes: ['api'] });
    act(() => store.getState().reveal('api', ['image']));
    expect(document.activeElement).toBe(field('Image'));
    field('Published').focus();
    act(() => store.getState().reveal('api', ['image']));
    expect(document.activeElement).toBe(field('Image'));
  });
});
