import path from 'node:path';
import { app, BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, hardenedWindowOptions } from './window-options.ts';

/**
 * Electron entry point: one instance, one hardened window, no navigation away from the app, no new windows, no
 * permission grants. The node and the IPC API are attached here by the desktop-app work (issue: Desktop app).
 */
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

async function createWindow(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  const window = new BrowserWindow(hardenedWindowOptions(path.join(import.meta.dirname, 'preload.cjs')));
  window.once('ready-to-show', () => window.show());
  await window.loadFile(path.join(import.meta.dirname, '../../renderer/dist/index.html'));
}

app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(createWindow);
