import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '../domain/principal';

/**
 * Every route declares who may call it, with exactly one of these; the
 * AccessGuard refuses a route without one (fail closed), and the OpenAPI
 * document shows the declaration (`x-access`, `x-required-roles`).
 *
 * - `@PublicRoute()`: anyone, always (health).
 * - `@ReadAccess(role)`: anyone while READ_ACCESS=public (the default, as for a
 *   transparency log); with READ_ACCESS=key, a key holding the role.
 * - `@RequireRoles(...roles)`: a key holding at least one of the roles, always.
 */
export type Access = { kind: 'public' } | { kind: 'read'; roles: Role[] } | { kind: 'roles'; roles: Role[] };

export const ACCESS_METADATA = 'factledger:access';
export const BUDGET_METADATA = 'factledger:rate-budget';

/** Which rate-limit budget a route spends; by default GET reads and the rest writes. */
export type Budget = 'reads' | 'writes' | 'ingestions' | 'tails';

const declare = (access: Access) =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, access),
    ApiExtension('x-access', access.kind),
    ApiExtension('x-required-roles', access.kind === 'public' ? [] : access.roles),
  );

export const PublicRoute = () => declare({ kind: 'public' });
export const ReadAccess = (...roles: [Role, ...Role[]]) => declare({ kind: 'read', roles });
export const RequireRoles = (...roles: [Role, ...Role[]]) => declare({ kind: 'roles', roles });
export const RateBudget = (budget: Budget) => SetMetadata(BUDGET_METADATA, budget);
