import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one place the app window's web preferences are set. Every item of the Electron security checklist that is a
 * window option is here, and a test asserts each, so a relaxed option cannot slip in unnoticed. (Only a type is
 * imported from electron, so the test runs in plain Node.)
 */
export function hardenedWindowOptions(
  preloadPath: string,
  opts: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Countersign',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      enableWebSQL: false,
      // DevTools only when started for development (npm start); a packaged app has none.
      devTools: opts.devTools ?? false,
    },
  };
}

/**
 * The Content-Security-Policy sent with every app page (by the app:// protocol handler and on every response of the
 * session): only the app's own code, no inline or evaluated script, nothing remote, no plugins, no frames.
 * Styles allow 'unsafe-inline' because Ant Design's CSS-in-JS inserts <style> elements at run time; a style cannot
 * run code, and with img/font/connect limited to the app itself it cannot send anything anywhere either.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** The sources a CSP string allows for scripts (script-src, or default-src when absent), for tests and checks. */
export function scriptSources(csp: string): string[] {
  const directives = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '' && !directives.has(name)) directives.set(name.toLowerCase(), sources);
  }
  return directives.get('script-src') ?? directives.get('default-src') ?? [];
}
