import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcErrorCode } from '../../../shared/api/index.ts';
import { bearerToken, tokenMatches } from './auth.ts';
import type { ApiLog, Session } from './interface.ts';
import { stringifyJson } from './json.ts';
import { errorResponse, parseError, tooLarge, unauthorized } from './jsonrpc.ts';
import type { ApiRouter } from './router.ts';

/**
 * HTTP transport: `POST /` carries JSON-RPC, `GET /health` tells scripts the node is up. Authentication comes before
 * the body is read, and the body is counted as it arrives, so neither strangers nor oversized requests cost memory.
 */

const httpSession: Session = { transport: 'http' };
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createHttpHandler(opts: {
  router: ApiRouter;
  token: Buffer;
  maxBodyBytes: number;
  log: ApiLog;
  /** Serves the browser console's static files (console.ts); answers false for paths that are not its own. */
  console?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (opts.console?.(req, res)) return;
    handleRequest(req, res, opts).catch((err: unknown) => {
      opts.log.error('api: http request failed', err);
      if (!res.headersSent)
        send(res, 500, errorResponse(null, RpcErrorCode.INTERNAL_ERROR, 'Internal error', { code: 'INTERNAL_ERROR' }));
      else res.destroy();
    });
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { router: ApiRouter; token: Buffer; maxBodyBytes: number },
): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path === '/health') {
    if (req.method === 'GET' || req.method === 'HEAD') return send(res, 200, { ok: true });
    return send(res, 405, notAllowed('GET'), { Allow: 'GET, HEAD' });
  }
  if (path !== '/') {
    return send(
      res,
      404,
      errorResponse(null, RpcErrorCode.NOT_FOUND, 'No such path: send JSON-RPC to POST /', { code: 'NOT_FOUND' }),
    );
  }
  if (req.method !== 'POST') return send(res, 405, notAllowed('POST'), { Allow: 'POST' });
  if (!tokenMatches(bearerToken(req.headers.authorization), opts.token)) {
    return send(res, 401, unauthorized(), { 'WWW-Authenticate': 'Bearer', Connection: 'close' });
  }

  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > opts.maxBodyBytes) return refuseTooLarge(req, res, opts.maxBodyBytes);
  const body = await readBody(req, opts.maxBodyBytes);
  if (body === 'too-large') return refuseTooLarge(req, res, opts.maxBodyBytes);
  if (body === 'aborted') return;

  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return send(res, 200, parseError('Parse error: the body is not valid UTF-8'));
  }
  const response = await opts.router.handleText(text, httpSession);
  if (response === undefined) {
    res.writeHead(204).end(); // notifications only: JSON-RPC sends nothing back
    return;
  }
  send(res, 200, response);
}

/** Collects the body up to `max` bytes; stops listening the moment it would exceed them. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return finish('too-large');
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onAbort = () => finish('aborted');
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

/**
 * 413, then the connection is closed: nothing more of this body is read or buffered. The client may see a reset
 * instead of the response if it is still sending, which is the price of not reading its megabytes.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number): void {
  req.pause();
  send(res, 413, tooLarge(max), { Connection: 'close' });
}

function notAllowed(allow: string) {
  return errorResponse(null, RpcErrorCode.INVALID_REQUEST, `Method not allowed: use ${allow}`, {
    code: 'METHOD_NOT_ALLOWED',
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = stringifyJson(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}
