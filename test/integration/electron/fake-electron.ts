import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

/**
 * Just enough of Electron's main-process API to run the built main.cjs in plain Node: every call main.ts makes is
 * recorded, and utilityProcess.fork starts the real node host (node-host.mjs) as a Node child process, so the IPC
 * handlers the app registers answer from a real node. What Chromium does (rendering, the sandbox, CSP enforcement)
 * is not here; the Electron e2e covers that where a binary exists.
 */
export function fakeElectron(opts: { userData: string }) {
  const log: string[] = [];
  let ready = false;
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const appEvents = new EventEmitter();
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const contentsCreated: EventEmitter[] = [];
  const sent: { channel: string; args: unknown[] }[] = [];
  const windows: FakeWindow[] = [];
  const children: ReturnType<typeof fork>[] = [];
  const sessionHandlers: Record<string, unknown> = {};

  class FakeWebContents extends EventEmitter {
    readonly id = 1;
    readonly mainFrame = { processId: 11, routingId: 1, url: 'app://countersign/index.html', parent: null };
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
    send(channel: string, ...args: unknown[]) {
      sent.push({ channel, args });
    }
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly options: unknown;
    loadedUrl: string | undefined;
    constructor(options: unknown) {
      super();
      this.options = options;
      windows.push(this);
      for (const l of appEvents.listeners('web-contents-created'))
        (l as (e: unknown, c: unknown) => void)({}, this.webContents);
      contentsCreated.push(this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      log.push(`loadURL ${url}`);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    show() {}
    focus() {}
    restore() {}
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => (log.push('requestSingleInstanceLock'), true),
      enableSandbox: () => log.push(`enableSandbox ready=${ready}`),
      whenReady: () => whenReady,
      on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
      once: (event: string, listener: (...args: unknown[]) => void) => appEvents.once(event, listener),
      getPath: (name: string) => (name === 'userData' ? opts.userData : `/nonexistent/${name}`),
      quit: () => log.push('quit'),
      exit: (code: number) => log.push(`exit ${code}`),
      setBadgeCount: (n: number) => log.push(`badge ${n}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: object }[]) =>
        log.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)} ready=${ready}`),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: unknown) => (sessionHandlers['permissionRequest'] = h),
        setPermissionCheckHandler: (h: unknown) => (sessionHandlers['permissionCheck'] = h),
        setDevicePermissionHandler: (h: unknown) => (sessionHandlers['devicePermission'] = h),
        webRequest: {
          onBeforeRequest: (h: unknown) => (sessionHandlers['beforeRequest'] = h),
          onHeadersReceived: (h: unknown) => (sessionHandlers['headersReceived'] = h),
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
        ipcHandlers.set(channel, handler),
    },
    BrowserWindow: FakeWindow,
    webContents: { fromId: (id: number) => windows.find((w) => w.webContents.id === id)?.webContents },
    utilityProcess: {
      fork: (entry: string, args: string[]) => {
        const child = fork(entry, args, {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
          env: { ...process.env, COUNTERSIGN_LOG: 'warn' },
        });
        children.push(child);
        return {
          postMessage: (m: unknown) => child.send(m as object),
          on: (event: string, l: (m: unknown) => void) => child.on(event, l),
          once: (event: string, l: (code: number) => void) => child.once(event, (code: number | null) => l(code ?? 1)),
          kill: () => child.kill('SIGKILL'),
        };
      },
    },
    powerMonitor: { on: (event: string) => log.push(`powerMonitor.on ${event}`) },
    dialog: { showErrorBox: (title: string, body: string) => log.push(`error box: ${title}: ${body}`) },
    shell: { openExternal: async (url: string) => log.push(`openExternal ${url}`) },
    nativeImage: { createFromBuffer: (b: Buffer) => ({ png: b }) },
    Tray: class {
      setToolTip(t: string) {
        log.push(`tray ${t}`);
      }
      setImage() {}
      setTitle() {}
      on() {}
      destroy() {}
    },
    Notification: class {
      static isSupported() {
        return false;
      }
    },
  };

  return {
    electron,
    log,
    ipcHandlers,
    protocolHandlers,
    sessionHandlers,
    sent,
    windows,
    appEvents,
    fireReady() {
      ready = true;
      resolveReady();
    },
    killChildren() {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    },
  };
}
