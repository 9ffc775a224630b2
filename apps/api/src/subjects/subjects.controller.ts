import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { EventStoreErrorCodes } from '@factledger/event-store';
import { Contract, eraseSubject, errorCodes, KYSELY, RequireRoles, SubjectErrorCodes, type ErasureTables } from '@factledger/platform';
import { Write, writeContext, type HttpWrite } from '../ledger/write-http';
import { ErasureResult, SubjectIdParams } from './subjects.schema';

/** Erasure of personal data (admin): the subject's key is shredded and the erasure recorded, in one transaction. */
@ApiTags('subjects')
@Controller('v1/subjects')
export class SubjectsController {
  constructor(@Inject(KYSELY) private readonly db: Kysely<ErasureTables>) {}

  @RequireRoles('admin')
  @Post(':id/erasure')
  @HttpCode(200)
  @Contract({
    params: SubjectIdParams,
    responses: { 200: ErasureResult },
    errors: errorCodes({ 404: [SubjectErrorCodes.notFound], 409: ['stream.concurrent_write', EventStoreErrorCodes.eventIdConflict] }),
  })
  @ApiOperation({
    summary:
      "Erase a subject's personal data (crypto-shredding): its key is deleted and subject.erased.v1 recorded; sealed events stay as they are and still verify",
  })
  async erase(@Param('id') subject: string, @Write() write: HttpWrite) {
    const ctx = writeContext(write);
    return eraseSubject(this.db, subject, ctx.metadata, ctx.now);
  }
}
