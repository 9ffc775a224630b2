import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { parseInstant, textProblem } from '@factledger/shared';
import { NoControlCharacters, QueryInteger } from '@factledger/platform';

// Query strings arrive as a string or, when repeated, an array.
const asArray = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
const asList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (asArray({ value }) as unknown[]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v]));

/** The read side's rule for times: a zone is required (a local time would be the server's), no roll-over, years 0001–9999. */
const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (v) => typeof v === 'string' && parseInstant(v).ok,
      defaultMessage: (a) => {
        const parsed = typeof a?.value === 'string' ? parseInstant(a.value) : null;
        return `${a?.property} ${parsed && !parsed.ok ? parsed.reason : 'must be an ISO 8601 timestamp with a time zone, e.g. 2024-10-29T12:00:00Z'}`;
      },
    },
  });

/** Text PostgreSQL can compare: no NUL, no lone surrogate (each element of an array). */
export const IsStorableText = (options: { each?: boolean } = {}) =>
  ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (v) => typeof v === 'string' && textProblem(v) === null,
        defaultMessage: (a) => `${a?.property} ${(typeof a?.value === 'string' && textProblem(a.value)) || 'must be text'}`,
      },
    },
    options,
  );

/** Filters shared by the list, export and tail endpoints. */
export class LogFilterQuery {
  @ApiPropertyOptional({ type: [String], description: 'Only events of these streams (repeat the parameter for several)' })
  @IsOptional()
  @Transform(asArray)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @IsStorableText({ each: true })
  @NoControlCharacters({ each: true })
  stream?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Only these event types: repeat the parameter or give a comma-separated list' })
  @IsOptional()
  @Transform(asList)
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[\w.:-]{1,200}$/, { each: true, message: 'each type must be 1 to 200 letters, digits, or . _ : -' })
  type?: string[];

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Only events recorded at or after this time (ISO 8601 with a time zone)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Only events recorded before this time (ISO 8601 with a time zone)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

const CURSOR_FIELD = () => ApiPropertyOptional({ description: 'Opaque cursor from a previous response (`nextCursor`, an event’s `cursor`)' });

export class ListEventsQuery extends LogFilterQuery {
  @CURSOR_FIELD()
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @QueryInteger({ min: 1, max: 1000 })
  limit?: number;
}

export class ExportEventsQuery extends LogFilterQuery {
  @CURSOR_FIELD()
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ description: 'Cursor of the last event to include (default: the log as it is when the export starts)' })
  @IsOptional()
  @IsString()
  until?: string;
}

export class TailEventsQuery extends LogFilterQuery {
  @ApiPropertyOptional({ description: 'Resume after this cursor; the Last-Event-ID header wins when both are sent. Default: the current end of the log' })
  @IsOptional()
  @IsString()
  after?: string;
}
