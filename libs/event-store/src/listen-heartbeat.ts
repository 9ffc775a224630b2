import type pg from 'pg';

/** How often a LISTEN connection is asked `SELECT 1`, and how long it may take to answer. */
export const LISTEN_HEARTBEAT_MS = 5000;

/**
 * A LISTEN connection only receives, so a peer that vanished without a FIN or
 * RST (a dropped NAT entry, a paused VM, a partition) looks healthy to it until
 * TCP keepalive gives up, minutes later, and every notification meanwhile is
 * lost. A periodic query that must answer within `intervalMs` notices in
 * seconds. Returns a function that stops the heartbeat.
 */
export function startListenHeartbeat(client: pg.Client, intervalMs: number, onDead: () => void): () => void {
  let probing = false;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  // Called at most once: the owner replaces the connection (and its heartbeat).
  const dead = () => {
    if (stopped) return;
    stop();
    onDead();
  };
  const timer = setInterval(() => {
    if (probing || stopped) return;
    probing = true;
    const deadline = setTimeout(dead, intervalMs);
    deadline.unref();
    client.query('SELECT 1').then(
      () => {
        clearTimeout(deadline);
        probing = false;
      },
      () => {
        clearTimeout(deadline);
        dead();
      },
    );
  }, intervalMs);
  timer.unref();
  return stop;
}

/**
 * Ends a connection that may be dead: `end()` alone waits for a peer that may
 * never answer, so after `graceMs` the socket is destroyed.
 */
export async function dropConnection(client: pg.Client, graceMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
    timer.unref();
  });
  await Promise.race([client.end().catch(() => undefined), grace]);
  clearTimeout(timer);
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
