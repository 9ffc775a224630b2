import * as net from 'node:net';

export interface StallingProxy {
  /** The connection string `target` with host and port replaced by the proxy's. */
  url(target: string): string;
  /** Bytes stop flowing both ways on the connections open now, which stay open: a silently dead peer. New connections flow. */
  stall(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of PostgreSQL that can go silent without
 * closing anything, as a dropped NAT entry or a partition does: what
 * `pg_terminate_backend` (a clean close) cannot reproduce.
 */
export async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  const sockets = new Set<net.Socket>();
  const stalled = new WeakSet<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk) => {
        if (!stalled.has(from)) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    stall() {
      for (const socket of sockets) stalled.add(socket);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
