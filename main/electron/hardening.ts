import { app, session, shell, type Session } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { mayGrantPermission, mayNavigate, windowOpenDecision } from './navigation-policy.ts';
import { CONTENT_SECURITY_POLICY } from './window-options.ts';

/**
 * The process-wide rules of the Electron security checklist that are not window options: every web contents is
 * kept on the app (no navigation, redirect, new window or webview), the session grants no permission and loads
 * nothing but the app (no remote content: requests to any other origin are cancelled), and every response carries
 * the CSP. The decisions themselves are the pure functions of navigation-policy.ts.
 */
export function hardenProcess(log: (message: string) => void): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
      if (mayNavigate(event.url)) return;
      event.preventDefault();
      log(`${kind} to ${event.url.slice(0, 200)} refused`);
    };
    contents.on('will-navigate', refuse('navigation'));
    contents.on('will-frame-navigate', refuse('frame navigation'));
    contents.on('will-redirect', refuse('redirect'));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) void shell.openExternal(url);
      else log(`window.open(${url.slice(0, 200)}) refused`);
      return { action: decision.action };
    });
  });
}

export function hardenSession(target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  target.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  target.setDevicePermissionHandler(() => false);
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('devtools://')) });
  });
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
