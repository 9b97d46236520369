import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatusJson } from '../../../shared/api/index.ts';
import type { NodeMetrics } from './node-metrics.ts';
import { readiness } from './readiness.ts';

export interface MetricsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: NodeMetrics;
  readonly status: () => StatusJson;
  readonly databaseWritable: () => boolean;
  readonly log: { warn(message: string, detail?: unknown): void };
}

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464 */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A listener of its own for /metrics, /healthz and /readyz, apart from the API: it needs no token (Prometheus and load
 * balancers scrape it), so it serves nothing but figures, and it is off unless configured, on loopback by default.
 */
export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const json = (code: number, body: unknown) => send(code, 'application/json', JSON.stringify(body) + '\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'only GET' });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      opts.metrics.text().then(
        (text) => send(200, opts.metrics.contentType, text),
        (err: unknown) => {
          opts.log.warn('metrics not collected', { err });
          json(500, { error: 'metrics not collected' });
        },
      );
      return;
    }
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') {
      const r = readiness(opts.status(), opts.databaseWritable());
      return json(r.ready ? 200 : 503, { ready: r.ready, reasons: r.reasons });
    }
    json(404, { error: `no such path: ${path}; try /metrics, /healthz or /readyz` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
