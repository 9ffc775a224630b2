import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_KEYS, Contract, errorCodes, PrincipalErrorCodes as K, RequireRoles, type ApiKeys } from '@factledger/platform';
import { EventStoreErrorCodes } from '@factledger/event-store';
import { NotIdempotent } from '../idempotency/idempotency.interceptor';
import { Write, writeContext, type HttpWrite } from '../ledger/write-http';
import { CreateKeyBody, IssuedKey, KeyIdParams, KeyList, RevokedKey, type CreateKeyInput } from './keys.schema';

/** What the store can refuse on a key's stream (ids are random: a clash is a retry's). */
const KEY_WRITE = { 409: [EventStoreErrorCodes.eventIdConflict, 'stream.concurrent_write'], 412: [EventStoreErrorCodes.versionConflict] };

/** Key management (admin): issuing and revoking are events in the ledger; names stay in the key table. */
@ApiTags('keys')
@Controller('v1/keys')
export class KeysController {
  constructor(@Inject(API_KEYS) private readonly keys: ApiKeys) {}

  @RequireRoles('admin')
  @Post()
  @HttpCode(201)
  // A replayed response would have to keep the token: keys are never stored for Idempotency-Key.
  @NotIdempotent()
  @Contract({
    body: CreateKeyBody,
    responses: { 201: IssuedKey },
    errors: errorCodes(KEY_WRITE, { 409: [K.alreadyIssued], 422: [K.invalidRoles, K.invalidExpiry] }),
  })
  @ApiOperation({ summary: 'Issue an API key; the token is in this response only (keep it: only its hash is stored)' })
  async create(@Body() body: CreateKeyInput, @Write() write: HttpWrite) {
    const issued = await this.keys.issue(
      { name: body.name, roles: body.roles, expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null },
      writeContext(write).metadata,
    );
    return { ...issued, name: body.name };
  }

  @RequireRoles('admin')
  @Get()
  @Contract({ responses: { 200: KeyList }, errors: {} })
  @ApiOperation({ summary: 'Every key: name, roles, expiry, revocation, last use (to the minute); never a token' })
  async list() {
    return { items: await this.keys.list() };
  }

  @RequireRoles('admin')
  @Delete(':id')
  @Contract({ params: KeyIdParams, responses: { 200: RevokedKey }, errors: errorCodes(KEY_WRITE, { 404: [K.notFound], 422: [K.invalidId] }) })
  @ApiOperation({ summary: 'Revoke a key: it stops authenticating at once on this instance, within API_KEY_CACHE_TTL_MS on the others' })
  async revoke(@Param('id') id: string, @Write() write: HttpWrite) {
    return this.keys.revoke(id, writeContext(write).metadata);
  }
}
