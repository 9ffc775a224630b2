import { PROBLEM_CONTENT_TYPE, problem, requestMetaOf } from '@factledger/platform';

interface RouteOptionsLike {
  method: string | string[];
  url: string;
}

interface FastifyLike {
  addHook(name: 'onRoute', hook: (route: RouteOptionsLike) => void): unknown;
  addHook(name: 'onRequest', hook: (request: never, reply: never, done: () => void) => void): unknown;
}

interface RequestLike {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  routeOptions?: { url?: string };
}

interface ReplyLike {
  code(status: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(payload: string): ReplyLike;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Fastify route path (`/v1/metrics/:key`, `/docs/*`) as a regular expression over request paths. */
export const routePattern = (url: string): RegExp =>
  new RegExp(
    `^${url
      .split('/')
      .map((segment) => (segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : escapeRegex(segment)))
      .join('/')}$`,
  );

/**
 * 405 with `Allow` for a known path asked with a method it does not have
 * (Fastify answers 404 for any unmatched method and path). Every route is
 * recorded as it is added; a request no route matched is checked against
 * their paths before the 404 handler runs.
 */
export function installMethodNotAllowed(fastify: FastifyLike): void {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  fastify.addHook('onRoute', (route) => {
    const entry = routes.get(route.url) ?? { pattern: routePattern(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
    routes.set(route.url, entry);
  });
  // A callback, not an async hook: a matched route (every request but these) costs no promise.
  fastify.addHook('onRequest', (request: RequestLike, reply: ReplyLike, done: () => void) => {
    if (request.routeOptions?.url !== undefined) return done();
    const path = request.url.split('?')[0]!;
    const allowed = new Set<string>();
    for (const { pattern, methods } of routes.values()) if (pattern.test(path)) methods.forEach((m) => allowed.add(m));
    if (allowed.size === 0 || allowed.has(request.method)) return done();
    const allow = [...allowed].sort().join(', ');
    const body = {
      ...problem(405, 'route.method_not_allowed', `${request.method} is not allowed on ${path.slice(0, 200)}; allowed: ${allow}`),
      instance: request.url,
      requestId: requestMetaOf(request).requestId,
    };
    reply.code(405).header('allow', allow).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });
}
