import { isAppUrl } from './app-origin.ts';

/**
 * What the app's windows may load or open. The page is the app itself: it never navigates anywhere (the renderer
 * routes inside the page with the history API, which fires no `will-navigate`), never opens windows, and never
 * embeds other pages. A link to documentation may open in the user's own browser, over https only.
 */

/** `will-navigate`, `will-redirect`, `will-frame-navigate`: only a reload of the app's own origin is allowed. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

export interface WindowOpenDecision {
  readonly action: 'deny';
  /** Hand the URL to the OS browser (https links only; never file:, custom schemes or app URLs). */
  readonly openExternally: boolean;
}

/** `setWindowOpenHandler`: always deny a new Electron window; an https link may open in the user's browser. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isPlainHttpsUrl(url) };
}

function isPlainHttpsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Permission requests (camera, notifications from the page, clipboard, geolocation, ...): none is ever granted. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}
