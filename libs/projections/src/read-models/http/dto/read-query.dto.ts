import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate, LedgerPatterns } from '@factledger/ledger-domain';
import { isPosition, POSITION_RULE } from '@factledger/shared';
import { AS_OF_RULE, asOfProblem } from '../../query/basis';
import { MAX_PAGE_SIZE } from '../../query/page-cursor';
import { QueryInteger } from '@factledger/platform';

const IsCalendarDate = () =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: (v) => isCalendarDate(v), defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD` } });

const IsAsOf = () =>
  ValidateBy({
    name: 'isAsOf',
    validator: {
      validate: (v) => typeof v === 'string' && asOfProblem(v) === null,
      defaultMessage: (a) => `asOf ${(typeof a?.value === 'string' ? asOfProblem(a.value) : null) ?? AS_OF_RULE}`,
    },
  });

const IsPosition = () =>
  ValidateBy({ name: 'isPosition', validator: { validate: (v) => isPosition(v), defaultMessage: (a) => `${a?.property} must be ${POSITION_RULE}` } });

const booleanFlag = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** asOf, validAt, minPosition, algorithmVersion: accepted by every read. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description: 'What the ledger believed: a ledger position (the answer includes every event up to it in log order), or an ISO 8601 timestamp with a time zone (the longest prefix of the log recorded at or before it). Default: the read models\' head. A time in the future is refused (422).',
    examples: { position: { value: '1234' }, time: { value: '2024-10-29T12:00:00Z' } },
  })
  @IsOptional() @IsAsOf()
  asOf?: string;

  @ApiPropertyOptional({ example: '2024-10-28', description: 'The date the answer describes (YYYY-MM-DD); default today (UTC). After today is refused (422).' })
  @IsOptional() @IsCalendarDate()
  validAt?: string;

  @ApiPropertyOptional({ example: '1234', description: 'Read-your-writes: wait (bounded) until the read models applied this position (from a write response); 503 if they do not in time' })
  @IsOptional() @IsString() @IsPosition()
  minPosition?: string;

  @ApiPropertyOptional({
    example: 2,
    description: 'Estimate algorithm version: 1 (every source) or 2 (verified sources only, says what it left out); default the latest (2). Every basis names it; another version is refused (422)',
  })
  @IsOptional() @QueryInteger({ min: 1, max: 1_000_000 })
  algorithmVersion?: number;
}

export class PagedReadQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })
  @IsOptional() @QueryInteger({ min: 1, max: MAX_PAGE_SIZE })
  limit?: number;

  @ApiPropertyOptional({ description: 'page.nextCursor of the previous page; it keeps the first page\'s basis' })
  @IsOptional() @IsString() @MaxLength(2000) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor from a previous page' })
  cursor?: string;
}

export class EstimateQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Leave out sources that are party to the conflict (as flagged at the basis)' })
  @IsOptional() @Transform(booleanFlag) @IsBoolean({ message: 'excludeParties must be true or false' })
  excludeParties?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Algorithm version 2: count sources not verified at the basis too (by default their figures are left out and listed in `excluded`). Refused with version 1 (422)' })
  @IsOptional() @Transform(booleanFlag) @IsBoolean({ message: 'includeUnverified must be true or false' })
  includeUnverified?: boolean;
}

export class MetricFiguresQueryDto extends PagedReadQueryDto {
  @ApiPropertyOptional({ example: 'nl-mivd', description: 'Only this source\'s figures' })
  @IsOptional() @Matches(LedgerPatterns.slug, { message: 'sourceId must be a lowercase slug' })
  sourceId?: string;
}

export class SourceFiguresQueryDto extends PagedReadQueryDto {
  @ApiPropertyOptional({ example: 'north_korean_troops_in_russia', description: 'Only figures of this metric' })
  @IsOptional() @Matches(LedgerPatterns.metricKey, { message: 'metricKey must be a metric key (snake_case)' })
  metricKey?: string;
}

export class MetricKeyParams {
  @ApiProperty({ example: 'north_korean_troops_in_russia', pattern: LedgerPatterns.metricKey.source })
  @Matches(LedgerPatterns.metricKey, { message: 'key must be a metric key (snake_case)' })
  key!: string;
}

export class FigureIdParams {
  @ApiProperty({ format: 'uuid', pattern: LedgerPatterns.uuid.source })
  @Matches(LedgerPatterns.uuid, { message: 'id must be a lowercase uuid' })
  id!: string;
}

export class SlugIdParams {
  @ApiProperty({ example: 'nl-mivd', pattern: LedgerPatterns.slug.source })
  @Matches(LedgerPatterns.slug, { message: 'id must be a lowercase slug' })
  id!: string;
}
