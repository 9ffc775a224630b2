import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import fastifyCookie from '@fastify/cookie';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@factledger/shared';
import { sendFrameworkProblem } from '../http/framework-errors';
import { assertSameOrigin, wantsHtml, type AdminAccess } from './admin-access';
import { LOGIN_CSP, LOGIN_HTML, LOGIN_JS } from './admin-login.page';
import { SESSION_COOKIE, type AdminSessions } from './admin-sessions';

export const DASHBOARD_PATH = '/admin/queues';

interface Deps {
  access: AdminAccess;
  sessions: AdminSessions;
  queues: Queue[];
}

/** A thrown DomainError as problem+json; anything else (Redis away) as 503, never a 500. */
function fail(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(error instanceof DomainError)) request.log.error({ err: error }, 'operator pages: session store failed');
  const known =
    error instanceof DomainError ? error : new DomainError('admin.unavailable', 'unavailable', 'The session store (Redis) is not reachable');
  sendFrameworkProblem(known, request as never, reply as never);
  return reply;
}

export async function installAdminRoutes(fastify: FastifyInstance, { access, sessions, queues }: Deps): Promise<void> {
  await fastify.register(async (admin) => {
    // Scoped to these routes: the rest of the API reads no cookies.
    await admin.register(fastifyCookie);
    const cookieOptions = (request: FastifyRequest) => ({
      path: '/admin',
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: request.protocol === 'https',
    });

    admin.get('/admin/login', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', LOGIN_CSP).send(LOGIN_HTML),
    );
    admin.get('/admin/login.js', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(LOGIN_JS),
    );

    // Opens a session for the bearer key: 201 and the cookie, or 401/403 as everywhere.
    admin.post('/admin/session', async (request, reply) => {
      try {
        const caller = await access.caller(request, { session: false });
        if (!caller) throw new DomainError('auth.unauthenticated', 'unauthenticated', 'Send the admin key as Authorization: Bearer <key>');
        if (!caller.principal.roles.includes('admin'))
          throw new DomainError(
            'auth.forbidden',
            'forbidden',
            `The operator pages need the role admin; the key holds ${caller.principal.roles.join(', ')}`,
            { requiredRoles: ['admin'] },
          );
        assertSameOrigin(request);
        const { id, session } = await sessions.open(caller.principal.keyId);
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .setCookie(SESSION_COOKIE, id, { ...cookieOptions(request), maxAge: sessions.ttlSeconds })
          .send(session);
      } catch (error) {
        return fail(error, request, reply);
      }
    });

    admin.post('/admin/logout', async (request, reply) => {
      try {
        assertSameOrigin(request);
        const id = request.cookies[SESSION_COOKIE];
        if (id) await sessions.close(id);
        return reply.code(204).clearCookie(SESSION_COOKIE, cookieOptions(request)).send();
      } catch (error) {
        return fail(error, request, reply);
      }
    });

    await admin.register(async (dashboard) => {
      dashboard.addHook('onRequest', async (request, reply) => {
        try {
          await access.requireAdmin(request);
        } catch (error) {
          if (error instanceof DomainError && error.kind === 'unauthenticated' && wantsHtml(request)) {
            return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
          }
          return fail(error, request, reply);
        }
      });
      const board = new FastifyAdapter();
      createBullBoard({
        queues: queues.map((queue) => new BullMQAdapter(queue)),
        serverAdapter: board,
        options: { uiConfig: { boardTitle: 'factledger queues' } },
      });
      board.setBasePath(DASHBOARD_PATH);
      await dashboard.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  });
}
