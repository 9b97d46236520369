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
 *
 * The build writes Brotli and gzip copies of its text files (renderer/build/precompress.ts); they are served with
 * Content-Encoding to browsers that accept them, so opening the console moves a quarter of the bytes and the node
 * never compresses while a page waits.
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
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const encoded = precompressed(file, req.headers['accept-encoding']);
    const body = readFileSync(encoded?.file ?? file);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      ...(encoded && { 'Content-Encoding': encoded.coding }),
      // The same URL has several representations: a cache must key them by what the browser accepts.
      ...(COMPRESSIBLE.has(type) && { Vary: 'Accept-Encoding' }),
      // Assets carry a content hash in their names; the page itself must always be fresh.
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/** Types the build writes compressed copies of (renderer/build/precompress.ts). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt'].map((ext) => TYPES[ext]));

/** Content codings in the order we prefer them, with the suffix of the build's precompressed copy. */
const CODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;

/**
 * The build's precompressed copy of `file` in the best coding the request accepts, or undefined (serve it as is).
 * A copy older than its file is ignored: it belongs to an earlier build.
 */
export function precompressed(
  file: string,
  acceptEncoding: string | undefined,
): { file: string; coding: 'br' | 'gzip' } | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = acceptedCodings(acceptEncoding);
  for (const { coding, suffix } of CODINGS) {
    if (!accepted.has(coding)) continue;
    try {
      const copy = statSync(file + suffix);
      if (copy.isFile() && copy.mtimeMs >= statSync(file).mtimeMs) return { file: file + suffix, coding };
    } catch {
      // No copy in this coding.
    }
  }
  return undefined;
}

/** The codings an Accept-Encoding header allows ("gzip, br;q=0.5" → gzip, br; "br;q=0" refuses br; "*" allows all). */
export function acceptedCodings(header: string): Set<string> {
  const allowed = new Set<string>();
  const refused = new Set<string>();
  let any = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const zero = q !== undefined && Number(q.slice(2)) === 0;
    if (name === '*') any = !zero;
    else if (name) (zero ? refused : allowed).add(name);
  }
  if (any) for (const { coding } of CODINGS) if (!refused.has(coding)) allowed.add(coding);
  for (const name of refused) allowed.delete(name);
  return allowed;
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
