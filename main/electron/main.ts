import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, webContents } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.ts';
import { resolveAppResource } from './app-protocol.ts';
import { EVENT_CHANNEL, SIGNER_LOCKED_CHANNEL } from './channels.ts';
import { parseDesktopConfig, parseLaunchArgs, type DesktopConfig } from './desktop-config.ts';
import { hardenProcess, hardenSession } from './hardening.ts';
import type { HostClient } from './host-client.ts';
import type { HostArgs } from './host-protocol.ts';
import { IdleLock } from './idle-lock.ts';
import { ipcRoutes } from './ipc-api.ts';
import { startNodeHost } from './node-host-process.ts';
import { startPresence } from './presence.ts';
import { SigningSession } from './signing-session.ts';
import { SubscriptionRegistry } from './subscription-registry.ts';
import { CONTENT_SECURITY_POLICY, hardenedWindowOptions } from './window-options.ts';

/**
 * The Electron main process: lifecycle and glue only. The node runs in a utility process (node-host.ts); the page
 * is served from app:// out of renderer/dist; IPC handlers are generated from the API contract (ipc-api.ts); the
 * security decisions are pure functions in their own files, tested in plain Node. Built into dist/electron/main.cjs
 * by scripts/build-electron.ts (see docs/desktop.md for why it is bundled).
 */

const here = import.meta.dirname; // dist/electron/, inside app.asar when packaged
const root = path.resolve(here, '..', '..');
const log = (message: string) => console.error(`countersign: ${message}`);

// Must happen before `ready`: the scheme is standard (origins, relative URLs) and secure (like https).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the node home; it gets focus (below) and this one leaves.
  app.quit();
} else {
  hardenProcess(log);
  void app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Countersign could not start', (err as Error).message);
      app.exit(1);
    });
}

let window: BrowserWindow | undefined;
let host: HostClient | undefined;

async function start(): Promise<void> {
  const launch = parseLaunchArgs(process.argv.slice(1));
  const configFile = path.join(app.getPath('userData'), 'countersign-desktop.json');
  const config: DesktopConfig = parseDesktopConfig(
    existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined,
    configFile,
  );
  const idleLockMinutes = launch.idleLockMinutes ?? config.idleLockMinutes;
  const hostArgs: HostArgs =
    launch.home !== undefined
      ? { home: launch.home }
      : launch.devnet !== undefined
        ? { devnet: launch.devnet }
        : config.home !== undefined
          ? { home: config.home }
          : { devnet: path.join(app.getPath('userData'), 'devnet') };

  hardenSession();
  serveApp(path.join(root, 'renderer', 'dist'));

  const node = startNodeHost(path.join(here, 'node-host.mjs'), hostArgs, log);
  host = node;
  node.ready.catch((err: Error) => {
    dialog.showErrorBox('The Countersign node did not start', err.message);
    app.exit(1);
  });

  const subscriptions = new SubscriptionRegistry();
  const session = new SigningSession();
  for (const route of ipcRoutes({
    trusted: (id) => {
      if (!window || window.isDestroyed() || window.webContents.id !== id) return undefined;
      const frame = window.webContents.mainFrame;
      return { processId: frame.processId, routingId: frame.routingId };
    },
    forward: async (method, params) => {
      await node.ready;
      return node.call(method, params);
    },
    subscriptions,
    session,
    onRefused: (channel, reason) => log(`${channel}: ${reason}`),
  })) {
    ipcMain.handle(route.channel, (event, ...args) => route.handle(event, ...args));
  }

  node.onEvent((topic, payload) => {
    for (const id of subscriptions.subscribers(topic)) webContents.fromId(id)?.send(EVENT_CHANNEL, topic, payload);
  });
  session.onLock((reason) => window?.webContents.send(SIGNER_LOCKED_CHANNEL, reason));

  const idle = new IdleLock({
    idleMs: idleLockMinutes * 60_000,
    now: () => Date.now(),
    onIdle: () => session.lock('idle'),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
  idle.start();
  powerMonitor.on('lock-screen', () => session.lock('screen-locked'));
  powerMonitor.on('suspend', () => session.lock('suspend'));

  window = new BrowserWindow(hardenedWindowOptions(path.join(here, 'preload.cjs'), { devTools: launch.dev }));
  const contentsId = window.webContents.id;
  window.webContents.on('input-event', () => idle.input());
  window.webContents.on('destroyed', () => subscriptions.drop(contentsId));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = undefined));
  await window.loadURL(APP_ENTRY_URL);

  const presence = startPresence({ host: node, window: () => window, notifications: config.notifications, log });
  app.once('will-quit', () => {
    presence.stop();
    idle.stop();
  });
}

/** app://countersign/… → renderer/dist (read through Electron's asar-aware fs), with the CSP on every response. */
function serveApp(dist: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resource = resolveAppResource(dist, request.method, request.url);
    if (!resource.ok) return new Response(resource.reason, { status: resource.status });
    try {
      const body = await readFile(resource.file);
      return new Response(request.method === 'HEAD' ? null : body, {
        headers: {
          'Content-Type': resource.contentType,
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cross-Origin-Opener-Policy': 'same-origin',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

app.on('second-instance', () => {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

app.on('window-all-closed', () => app.quit());

// Close the node cleanly (its last block is committed either way: one SQLite transaction per block).
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || host === undefined) return;
  quitting = true;
  event.preventDefault();
  void host.stop().finally(() => app.quit());
});
