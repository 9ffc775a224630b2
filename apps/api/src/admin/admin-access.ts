import { DomainError } from '@factledger/shared';
import type { ApiKeys, Principal } from '@factledger/platform';
import { SESSION_COOKIE, type AdminSessions } from './admin-sessions';

export interface AdminRequest {
  method: string;
  url: string;
  protocol: string;
  host: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

const unauthenticated = (message: string) => new DomainError('auth.unauthenticated', 'unauthenticated', message);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who asks, and how: a bearer key (scripts) or a browser session cookie. */
export type AdminCaller = { principal: Principal; via: 'bearer' | 'session' } | undefined;

/**
 * The operator pages' access check, for raw Fastify routes the Nest
 * AccessGuard does not see (bull-board's). It verifies keys with the
 * platform's ApiKeys, as the guard does, and requires the admin role.
 */
export class AdminAccess {
  constructor(
    private readonly keys: ApiKeys,
    private readonly sessions: AdminSessions,
  ) {}

  /** A bearer key wins over a cookie; a bearer header that is not a live key is 401 (as at the guard). */
  async caller(request: AdminRequest, options: { session: boolean } = { session: true }): Promise<AdminCaller> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>"');
      const result = await this.keys.authenticate(match[1]!);
      if (!result.ok) throw unauthenticated(result.reason === 'unknown' ? 'The API key is not valid' : `The API key is ${result.reason}`);
      return { principal: result.principal, via: 'bearer' };
    }
    const id = options.session ? request.cookies?.[SESSION_COOKIE] : undefined;
    if (!id) return undefined;
    const session = await this.sessions.find(id);
    if (!session) throw unauthenticated('The session has expired or was closed: log in again at /admin/login');
    const principal = await this.keys.principalOf(session.keyId);
    if (!principal) throw unauthenticated('The key that opened this session is no longer valid');
    return { principal, via: 'session' };
  }

  /** Admin role, and for a cookie session's state-changing requests, same origin (CSRF). */
  async requireAdmin(request: AdminRequest): Promise<Principal> {
    const caller = await this.caller(request);
    if (!caller) throw unauthenticated('The operator pages need an admin session (log in at /admin/login) or Authorization: Bearer <admin key>');
    if (!caller.principal.roles.includes('admin')) {
      throw new DomainError(
        'auth.forbidden',
        'forbidden',
        `The operator pages need the role admin; the key holds ${caller.principal.roles.join(', ')}`,
        { requiredRoles: ['admin'] },
      );
    }
    if (caller.via === 'session') assertSameOrigin(request);
    return caller.principal;
  }
}

/**
 * CSRF defence in depth beside SameSite=Strict: a state-changing request
 * carried by the cookie must show it comes from this origin: Sec-Fetch-Site
 * same-origin, or an Origin equal to ours. Browsers send at least one of them
 * on every POST/PUT/DELETE; a request with neither is refused (fail closed).
 */
export function assertSameOrigin(request: AdminRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.host}`;
  const fromHere =
    (site === undefined || site === 'same-origin') && (origin === undefined || origin === own) && (site !== undefined || origin !== undefined);
  if (!fromHere) throw new DomainError('auth.cross_site', 'forbidden', `A state-changing request to the operator pages must come from ${own} itself`);
}

/** A browser navigating (it asked for HTML) is sent to the login page instead of a 401 body. */
export const wantsHtml = (request: AdminRequest): boolean => request.method === 'GET' && String(request.headers.accept ?? '').includes('text/html');
