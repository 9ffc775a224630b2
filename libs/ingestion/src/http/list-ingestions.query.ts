import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LISTABLE_STATES, type ListableState } from '../queue/ingestion-jobs.service';
import { QueryInteger } from '@factledger/platform';

export class ListIngestionsQuery {
  @ApiPropertyOptional({ enum: LISTABLE_STATES, description: 'Only jobs in this state; every state when left out' })
  @IsOptional()
  @IsIn(LISTABLE_STATES)
  state?: ListableState;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @QueryInteger({ min: 0, max: 100_000 })
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @QueryInteger({ min: 1, max: 200 })
  limit?: number;
}
