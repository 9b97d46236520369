import { createApiClient, type ApiClient } from './client.ts';
import { createBridgeTransport, findBridge } from './bridge-transport.ts';
import { createWsTransport } from './ws-transport.ts';

/**
 * Start-up: in the desktop app the preload's bridge is there and is used; in a browser the page talks to the node
 * that served it, over a WebSocket on the same origin, with the API token from the URL fragment
 * (`/console/#token=…`). The fragment is never sent to a server; it is moved to sessionStorage (this tab only) and
 * removed from the address bar so it does not linger in history or screenshots.
 */

const TOKEN_KEY = 'countersign.token';
const TOKEN_IN_HASH = /(?:^#|[&?])token=([0-9a-f]{16,128})/;

export type StartUp = { client: ApiClient } | { needsToken: true };

export function tokenFromHash(hash: string): string | undefined {
  return TOKEN_IN_HASH.exec(hash)?.[1];
}

/** The hash without its token parameter ("#/network&token=…" → "#/network"). */
export function hashWithoutToken(hash: string): string {
  const rest = hash.replace(/[&?]?token=[0-9a-f]*/, '').replace(/^#&/, '#');
  return rest === '#' ? '' : rest;
}

export function startUp(win: Window = window): StartUp {
  const bridge = findBridge();
  if (bridge) return { client: createApiClient(createBridgeTransport(bridge), bridge.signers) };
  const fromHash = tokenFromHash(win.location.hash);
  if (fromHash) {
    win.sessionStorage.setItem(TOKEN_KEY, fromHash);
    const clean = win.location.pathname + win.location.search + hashWithoutToken(win.location.hash);
    win.history.replaceState(null, '', clean);
  }
  const token = win.sessionStorage.getItem(TOKEN_KEY);
  if (!token) return { needsToken: true };
  return { client: connectWithToken(token, win) };
}

export function connectWithToken(token: string, win: Window = window): ApiClient {
  win.sessionStorage.setItem(TOKEN_KEY, token);
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return createApiClient(createWsTransport({ url: `${scheme}://${win.location.host}/ws`, token }));
}

/** Forgets the token of this tab (the console's "lock"): the page must be given it again. */
export function forgetToken(win: Window = window): void {
  win.sessionStorage.removeItem(TOKEN_KEY);
}
