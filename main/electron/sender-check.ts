import { APP_ORIGIN, isAppUrl } from './app-origin.ts';

/**
 * The Electron security checklist's "validate the sender of every IPC message", as a pure function over the parts of
 * an IpcMainInvokeEvent it needs, so fake events test it in plain Node. A message is accepted only from the main
 * frame of one of the app's own windows, showing a page of the app's own origin: never from a sub-frame, another
 * window or web contents, a page that navigated elsewhere, or a frame already gone.
 */

export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
}

export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The frame identity of each trusted window's main frame, by web contents id. */
export type TrustedFrames = (webContentsId: number) => { processId: number; routingId: number } | undefined;

/** Undefined when the sender is the app's window; otherwise why it is refused. */
export function senderRefusal(event: IpcEventLike, trusted: TrustedFrames): string | undefined {
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone (navigated or closed)';
  const main = trusted(event.sender.id);
  if (main === undefined) return `web contents ${event.sender.id} is not an app window`;
  if (frame.parent !== null) return 'the message comes from a sub-frame, not the window itself';
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return "the message does not come from the window's main frame";
  }
  if (!isAppUrl(frame.url)) return `the page ${shortUrl(frame.url)} is not the app (${APP_ORIGIN})`;
  return undefined;
}

function shortUrl(url: string): string {
  return url.length > 100 ? `${url.slice(0, 100)}…` : url;
}
