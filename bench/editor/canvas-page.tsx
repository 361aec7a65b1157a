// Dockwright's canvas (store, derived flow, custom nodes and edges) on the benchmark graph.
import { createRoot } from 'react-dom/client';
import { createApi } from '../../shared/ipc/api';
import { createDispatcher } from '../../shared/ipc/dispatcher';
import { createMemoryWirePair } from '../../shared/testing/memory-wire';
import { handlersFor } from '../../shared/testing/ipc-handlers';
import { createWireTransport } from '../../shared/ipc/wire-client';
import { serveWire } from '../../shared/ipc/wire-server';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { Canvas } from '../../renderer/src/editor/canvas';
import { createAppStore } from '../../renderer/src/store/app-store';
import { StoreProvider } from '../../renderer/src/store/store-context';
import '../../renderer/src/styles.css';
import { EDGES, NODES, bigTopology } from './big-topology';
import { markReady } from './page-probe';

const [client, server] = createMemoryWirePair();
serveWire(server, createDispatcher(handlersFor({})), { subscribe: () => () => {} });
const api = createApi(createWireTransport(client), { transport: 'memory', nativeDialogs: false });
const store = createAppStore();
store.getState().loadDocument(bigTopology(), null);

markReady(NODES, EDGES);
createRoot(document.getElementById('root')!).render(
  <ApiProvider api={api}>
    <StoreProvider store={store}>
      <div style={{ width: '100vw', height: '100vh', display: 'grid' }}>
        <Canvas />
      </div>
    </StoreProvider>
  </ApiProvider>,
);
