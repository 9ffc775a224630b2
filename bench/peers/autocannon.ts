import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Budget, RoundResult } from '../harness/bench-case';

/** autocannon: a root devDependency (the smoke test runs the HTTP cases), else bench/node_modules' (a bench devDependency). */
const rootRequire = createRequire(path.join(__dirname, '..', '..', 'package.json'));
const benchRequire = createRequire(path.join(__dirname, '..', 'package.json'));
const loadAutocannon = (): Autocannon => {
  try {
    return rootRequire('autocannon') as Autocannon;
  } catch {
    return benchRequire('autocannon') as Autocannon;
  }
};

interface Instance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: { requests: { total: number }; non2xx: number; errors: number; duration: number }) => void,
) => Instance;

/**
 * One round of closed-loop HTTP load on `paths` in turn: `budget.seconds` (or
 * `budget.maxOps` requests when that is smaller, as in the smoke test). Every
 * response's latency is kept; any error or non-2xx fails the round.
 */
export function autocannonRound(base: string, paths: readonly string[], connections: number, budget: Budget): Promise<RoundResult> {
  const autocannon = loadAutocannon();
  const latencies: number[] = [];
  const byAmount = budget.maxOps < 100_000;
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const started = performance.now();
    const instance = autocannon(
      {
        url: base,
        connections,
        pipelining: 1,
        // its 1 s default sampling tick would otherwise make a short (smoke) round last a second
        sampleInt: 100,
        requests: paths.map((p) => ({ method: 'GET', path: p })),
        ...(byAmount ? { amount: budget.maxOps } : { duration: budget.seconds }),
      },
      (error, result) => {
        const seconds = (performance.now() - started) / 1000;
        if (error) return reject(error);
        if (result.errors || result.non2xx) return reject(new Error(`${result.errors} errors, ${result.non2xx} non-2xx answers from ${base}`));
        // Bytes received per response (status line, headers and body): what each server really sends for these paths.
        const notes = latencies.length ? { 'KB/response': bytes / latencies.length / 1024 } : undefined;
        resolve({ ops: result.requests.total, seconds, latencies, notes });
      },
    );
    instance.on('response', (_client, _status, size, responseTime) => {
      bytes += size;
      latencies.push(responseTime);
    });
  });
}
