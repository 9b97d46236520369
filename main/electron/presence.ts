import { app, nativeImage, Notification, Tray, type BrowserWindow } from 'electron';
import type { HostClient } from './host-client.ts';
import { awaitingItems, InboxWatch, notificationsFor, trayTooltip } from './inbox-watch.ts';
import { trayIconPng } from './tray-icon.ts';

/**
 * The app's presence outside its window: a tray icon showing how many proposals await one of this node's keys, and
 * an OS notification when one starts waiting. It asks the node's `proposal.inbox` after each block or proposal
 * event (debounced), so what it shows is what the Approvals inbox shows.
 */
export function startPresence(opts: {
  host: HostClient;
  window: () => BrowserWindow | undefined;
  notifications: boolean;
  log: (message: string) => void;
}): { stop(): void } {
  const watch = new InboxWatch();
  let tray: Tray | undefined;
  try {
    tray = new Tray(nativeImage.createFromBuffer(trayIconPng(0)));
    tray.setToolTip(trayTooltip(0));
    tray.on('click', () => focus(opts.window()));
  } catch (err) {
    // Some Linux desktops have no tray; the app works without one.
    opts.log(`no tray icon: ${(err as Error).message}`);
  }

  const refresh = async () => {
    const result = await opts.host.call('proposal.inbox', { limit: 500 });
    if (!result.ok) return opts.log(`inbox refresh failed: ${result.error.message}`);
    const items = awaitingItems(result.value);
    if (items === undefined) return opts.log('inbox refresh: unexpected proposal.inbox result');
    const change = watch.update(items);
    tray?.setImage(nativeImage.createFromBuffer(trayIconPng(change.count)));
    tray?.setToolTip(trayTooltip(change.count));
    if (process.platform === 'darwin') tray?.setTitle(change.count > 0 ? String(change.count) : '');
    app.setBadgeCount(change.count);
    if (!opts.notifications || !Notification.isSupported()) return;
    for (const n of notificationsFor(change)) {
      const notification = new Notification({ title: n.title, body: n.body, silent: false });
      notification.on('click', () => focus(opts.window()));
      notification.show();
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  };
  const off = opts.host.onEvent(() => schedule());
  void opts.host.ready.then(() => refresh()).catch(() => undefined);

  return {
    stop() {
      off();
      clearTimeout(timer);
      tray?.destroy();
    },
  };
}

function focus(window: BrowserWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
