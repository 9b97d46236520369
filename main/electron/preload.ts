import { contextBridge, ipcRenderer } from 'electron';

/**
 * The only bridge between the page and the main process. It exposes one function per API call, never ipcRenderer
 * itself, so the page cannot send arbitrary messages. The API's calls are generated from the shared API contract by
 * the desktop-app work; until then the bridge offers only the app's version.
 */
contextBridge.exposeInMainWorld('countersign', {
  version: (): Promise<string> => ipcRenderer.invoke('app.version') as Promise<string>,
});
