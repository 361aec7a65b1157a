import { render } from '@testing-library/react';
import type { Topology } from '../../../shared/topology';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-context';
import { Inspector } from '../editor/inspector/inspector';

/**
 * The inspector on a real store holding `doc`, with a clock the test controls (every edit lands
 * within the coalescing window unless the test moves the clock).
 */
export function renderInspector(doc: Topology, select: { nodes?: string[]; edges?: string[] } = {}) {
  let t = 1_000_000;
  const store: AppStore = createAppStore({ now: () => t });
  store.getState().loadDocument(doc, null);
  store.getState().select(select.nodes ?? [], select.edges ?? []);
  const view = render(
    <StoreProvider store={store}>
      <Inspector />
    </StoreProvider>,
  );
  return {
    store,
    view,
    advance: (ms: number) => (t += ms),
    node: (id: string) => store.getState().doc.spec.nodes[id],
  };
}
