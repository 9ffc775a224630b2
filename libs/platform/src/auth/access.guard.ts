import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@factledger/shared';
import type { AppConfig } from '../config/config.schema';
import { API_KEYS, CONFIG, RATE_LIMITS } from '../nest/tokens';
import { ACCESS_METADATA, BUDGET_METADATA, type Access, type Budget } from './access.decorators';
import type { ApiKeys, Principal } from './api-keys.service';
import type { RateLimits } from './rate-limits';

interface GuardedRequest {
  method: string;
  ip: string;
  headers: Record<string, unknown>;
  principal?: Principal;
}

const unauthenticated = (message: string) => new DomainError('auth.unauthenticated', 'unauthenticated', message);

/**
 * Every request through Nest: who is calling (an `Authorization: Bearer`
 * key, checked against api_keys), whether the route admits them (its
 * declared access), and whether their rate-limit budget allows it. A route
 * that declares no access is refused (fail closed), so a new route cannot
 * go out unguarded by mistake.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('access');

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeys,
    @Inject(RATE_LIMITS) private readonly limits: RateLimits,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, targets);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (!access) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule: refused`);
      throw new DomainError('auth.route_undeclared', 'forbidden', 'This route declares no access rule, so it serves nobody');
    }
    if (access.kind === 'public') return true;
    request.principal = await this.authenticate(request);
    const needed = access.kind === 'read' && this.config.readAccess === 'public' ? [] : access.roles;
    if (needed.length > 0) {
      if (!request.principal)
        throw unauthenticated(`This endpoint needs an API key (Authorization: Bearer flk_...) with the role ${needed.join(' or ')}`);
      if (!needed.some((role) => request.principal!.roles.includes(role))) {
        throw new DomainError(
          'auth.forbidden',
          'forbidden',
          `This endpoint needs the role ${needed.join(' or ')}; the key holds ${request.principal.roles.join(', ')}`,
          {
            requiredRoles: needed,
          },
        );
      }
    }
    const budget =
      this.reflector.getAllAndOverride<Budget | undefined>(BUDGET_METADATA, targets) ??
      (['GET', 'HEAD'].includes(request.method) ? 'reads' : 'writes');
    await this.limits.spend(request, budget);
    return true;
  }

  /** No Authorization header: anonymous. A header that is not a valid, live key: 401, even where anonymous would do. */
  private async authenticate(request: GuardedRequest): Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (header === undefined) return undefined;
    const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>"');
    const result = await this.keys.authenticate(match[1]!);
    if (result.ok) return result.principal;
    throw unauthenticated(result.reason === 'unknown' ? 'The API key is not valid' : `The API key is ${result.reason}`);
  }
}
