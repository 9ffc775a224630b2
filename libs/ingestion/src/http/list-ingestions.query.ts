import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LISTABLE_STATES, type ListableState } from '../queue/ingestion-jobs.service';

export class ListIngestionsQuery {
  @ApiPropertyOptional({ enum: LISTABLE_STATES, description: 'Only jobs in this state; every state when left out' })
  @IsOptional()
  @IsIn(LISTABLE_STATES)
  state?: ListableState;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
