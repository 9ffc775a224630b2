import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './metrics-registry';

/** `host:port` (`127.0.0.1:9464`, `[::1]:9464`, `:9464` for every interface; port 0: any free one). */
export function parseListenAddress(raw: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(raw.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) throw new Error('must be host:port, e.g. 127.0.0.1:9464');
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

/**
 * A listener that answers `GET /metrics` without authentication, for a
 * private network (Prometheus beside the app): bind it to an address only
 * that network reaches. Hand-written on node:http because it serves one path.
 */
export class MetricsServer {
  private server: Server | null = null;

  constructor(private readonly metrics: MetricsRegistry) {}

  async listen(address: string): Promise<AddressInfo> {
    const { host, port } = parseListenAddress(address);
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response
          .writeHead(path === '/metrics' ? 405 : 404, { 'content-type': 'text/plain' })
          .end(path === '/metrics' ? 'GET only\n' : 'only /metrics here\n');
        return;
      }
      this.metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': this.metrics.contentType }).end(request.method === 'HEAD' ? undefined : text),
        (e: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${e.message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
