/**
 * Where the app's pages come from: a privileged custom scheme served from renderer/dist inside the asar, never a
 * remote URL and never file:// (file:// pages share one origin with every local file). The host part names the app
 * so that URLs are absolute and the scheme can be registered as "standard" (relative URLs and origins work).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'countersign';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for a URL of the app's own origin. Node's URL gives `origin === 'null'` for non-special schemes such as app:,
 * so the scheme and host are compared instead; credentials or a port make a URL foreign.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // Chromium lower-cases the host of a standard scheme; Node's URL does not for custom schemes, so compare so.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
