import { act, cleanup, createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { stubPropertiesForFile } from '../testing/dom-stubs';
import { Canvas } from './canvas';
import { Palette } from './palette';
import { DRAG_KIND_TYPE } from './palette-drag';

// jsdom lays nothing out; React Flow needs these to mount (as its own testing guide does).
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this);
  }
  unobserve() {}
  disconnect() {}
}
class DOMMatrixStub {
  m22 = 1;
}
stubPropertiesForFile([
  [globalThis, 'ResizeObserver', { value: ResizeObserverStub, writable: true }],
  [globalThis, 'DOMMatrixReadOnly', { value: DOMMatrixStub, writable: true }],
  [HTMLElement.prototype, 'offsetWidth', { get: () => 800 }],
  [HTMLElement.prototype, 'offsetHeight', { get: () => 600 }],
]);
afterEach(cleanup);

function renderEditor(): AppStore {
  const store = createAppStore();
  render(
    <StoreProvider store={store}>
      <Palette />
      <Canvas />
    </StoreProvider>,
  );
  return store;
}

describe('Palette', () => {
  it('offers the four kinds as buttons, by name', () => {
    renderEditor();
    const names = ['Service', 'Job', 'Volume', 'Network'];
    for (const name of names) {
      const button = screen.getByRole('button', { name });
      // A native button: Enter and Space activate it, the keyboard way to add a node.
      expect(button.tagName).toBe('BUTTON');
      expect(button.getAttribute('draggable')).toBe('true');
    }
  });

  it('adds a node in view when a kind is activated, selects it and shows its card', () => {
    const store = renderEditor();
    expect(screen.getByText(/Drag a Service, Job, Volume or Network here/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Service' }));
    fireEvent.click(screen.getByRole('button', { name: 'Service' }));
    fireEvent.click(screen.getByRole('button', { name: 'Volume' }));
    const { doc, selectedNodes } = store.getState();
    expect(Object.keys(doc.spec.nodes)).toEqual(['service', 'service-2', 'volume']);
    expect(selectedNodes).toEqual(['volume']);
    const first = doc.layout!.nodes!.service!;
    const second = doc.layout!.nodes!['service-2']!;
    expect([second.x - first.x, second.y - first.y]).toEqual([32, 32]);
    const card = screen.getByTestId('node-service-2');
    expect(card.textContent).toContain('service-2');
    expect(card.textContent).toContain('no image yet');
    expect(screen.queryByText(/Drag a Service, Job, Volume or Network here/)).toBeNull();
  });

  it('drops a dragged kind where it lands on the canvas', () => {
    const store = renderEditor();
    const pane = document.querySelector('.react-flow')!;
    const dataTransfer = {
      types: [DRAG_KIND_TYPE],
      getData: (type: string) => (type === DRAG_KIND_TYPE ? 'network' : ''),
      dropEffect: 'none',
    };
    fireEvent.dragOver(pane, { dataTransfer });
    // jsdom has no DragEvent, so the pointer position is set by hand.
    const drop = createEvent.drop(pane, { dataTransfer });
    Object.defineProperties(drop, { clientX: { value: 400 }, clientY: { value: 300 } });
    fireEvent(pane, drop);
    const { doc, selectedNodes } = store.getState();
    expect(Object.keys(doc.spec.nodes)).toEqual(['network']);
    expect(selectedNodes).toEqual(['network']);
    // Centred on the drop point (zoom 1, no pan): 400 - 220/2, 300 - 96/2, on the 16px grid.
    expect(doc.layout!.nodes!.network).toEqual({ x: 288, y: 256 });
  });
});

describe('Canvas', () => {
  it('undo and redo from the overlay toolbar, disabled when there is nothing to do', () => {
    const store = renderEditor();
    const toolbar = screen.getByRole('toolbar', { name: 'Editor' });
    const undo = within(toolbar).getByRole<HTMLButtonElement>('button', { name: 'Undo' });
    const redo = within(toolbar).getByRole<HTMLButtonElement>('button', { name: 'Redo' });
    expect([undo.disabled, redo.disabled]).toEqual([true, true]);
    fireEvent.click(screen.getByRole('button', { name: 'Job' }));
    expect(undo.disabled).toBe(false);
    fireEvent.click(undo);
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual([]);
    expect([undo.disabled, redo.disabled]).toEqual([true, false]);
    fireEvent.click(redo);
    expect(Object.keys(store.getState().doc.spec.nodes)).toEqual(['job']);
    expect(within(toolbar).getByRole('button', { name: 'Auto layout' })).toBeTruthy();
    expect(within(toolbar).getByRole('button', { name: 'Fit view' })).toBeTruthy();
  });

  it('shows the live run state on the card', () => {
    const store = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Job' }));
    const card = screen.getByTestId('node-job');
    expect(card.hasAttribute('data-state')).toBe(false);
    act(() =>
      store.getState().applyNodeEvent({
        runId: 'r1',
        nodeId: 'job',
        state: 'retrying',
        attempt: 2,
        maxAttempts: 3,
        at: '2026-01-01T00:00:00.000Z',
      }),
    );
    expect(card.getAttribute('data-state')).toBe('retrying');
    expect(card.textContent).toContain('retrying 2/3');
  });
});
