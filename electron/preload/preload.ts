import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// The whole surface the page gets: `window.dockwright.invoke` and `.subscribe`, allow-listed
// against the contract. No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('dockwright', createBridge(ipcRenderer));
