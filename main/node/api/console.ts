import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CodedError } from '../../../shared/errors.ts';

/**
 * The browser console: the renderer's built files (renderer/dist) served read-only under /console/ on the API's own
 * port, so the page and its WebSocket share one origin. The files hold no data and no secret; what they load is
 * protected by the API token, which reaches the page in the URL fragment (never sent to a server, never logged) and
 * goes to the WebSocket as a subprotocol (browsers cannot set headers on a WebSocket).
 *
 * Every response carries a strict Content-Security-Policy: scripts only from this origin (no inline script, no eval),
 * connections only back to this origin, no frames, no plugins, no forms. Styles still allow 'unsafe-inline': the
 * component library's CSS is a static file (antd's zero-runtime mode), but its modal scroll lock and icon styles
 * insert small <style> elements; a style cannot run code, and the e2e tests check no other directive is ever tripped.
 */

export const CONSOLE_PATH = '/console/';

/** Where `npm run build:renderer` writes the console, relative to this source tree. */
export const DEFAULT_CONSOLE_DIR = path.resolve(import.meta.dirname, '../../../renderer/dist');

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export class ConsoleError extends CodedError {
  override readonly name = 'ConsoleError';
}

export interface ConsoleOptions {
  /** The built console (index.html and assets/); defaults to DEFAULT_CONSOLE_DIR. */
  readonly dir?: string;
}

/** Whether the console has been built into `dir` (the CLI turns it off with a note rather than failing). */
export function consoleBuilt(dir: string = DEFAULT_CONSOLE_DIR): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

/**
 * A handler for GET/HEAD under /console/; returns false for any other path so the API handles it. Files are read
 * from `dir` only: the request path is decoded once, normalised, and refused if it would leave the directory.
 */
export function createConsoleHandler(opts: ConsoleOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = path.resolve(opts.dir ?? DEFAULT_CONSOLE_DIR);
  if (!consoleBuilt(root)) {
    throw new ConsoleError('CONSOLE_NOT_BUILT', `the console is not built in ${root}: run "npm run build:renderer"`);
  }
  return (req, res) => {
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (rawPath === '/console') {
      res.writeHead(301, { Location: CONSOLE_PATH, ...SECURITY_HEADERS }).end();
      return true;
    }
    if (!rawPath.startsWith(CONSOLE_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return true;
    }
    const file = resolveInside(root, rawPath.slice(CONSOLE_PATH.length) || 'index.html');
    if (file === undefined) {
      sendText(res, 404, 'Not found');
      return true;
    }
    const body = readFileSync(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      // Assets carry a content hash in their names; the page itself must always be fresh.
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/** The regular file `relative` names inside `root`, or undefined (missing, a directory, or outside `root`). */
function resolveInside(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const file = path.resolve(root, `.${path.posix.sep}${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}
