import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge-factory.ts';

/**
 * The only bridge between the page and the main process: `window.countersign`, one function per API method of the
 * shared contract plus subscribe and the signing session (bridge-factory.ts). ipcRenderer itself is never exposed.
 * Sandboxed preloads cannot load other files, so this is bundled into one CommonJS file (scripts/build-electron.ts).
 */
contextBridge.exposeInMainWorld(
  'countersign',
  createBridge({
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
  }),
);
