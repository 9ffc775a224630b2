import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { FIGURE_METHODS, LedgerLimits, LedgerPatterns, REVISION_KINDS, type FigureMethod, type RevisionKind } from '@factledger/ledger-domain';
import { AmountDto, CitationDto, Nested, ValidAtDto } from './common.dto';
import { NoControlCharacters } from '@factledger/platform';

export class ReportFigureDto {
  @ApiPropertyOptional({ description: 'Client-chosen lowercase uuid; generated when omitted (derived from Idempotency-Key when sent)' })
  @IsOptional() @Matches(LedgerPatterns.uuid, { message: 'figureId must be a lowercase uuid' })
  figureId?: string;

  @ApiProperty({ example: 'north_korean_troops_in_russia' })
  @Matches(LedgerPatterns.metricKey, { message: 'metricKey must be a metric key (snake_case)' })
  metricKey!: string;

  @ApiProperty({ example: 'nl-mivd' }) @Matches(LedgerPatterns.slug, { message: 'sourceId must be a lowercase slug' })
  sourceId!: string;

  @ApiProperty({ type: AmountDto }) @Nested(AmountDto)
  amount!: AmountDto;

  @ApiPropertyOptional({ description: "Defaults to the metric's unit; if sent it must equal it" })
  @IsOptional() @IsString() @MaxLength(LedgerLimits.unitMax) @NoControlCharacters()
  unit?: string;

  @ApiProperty({ type: ValidAtDto }) @Nested(ValidAtDto)
  validAt!: ValidAtDto;

  @ApiPropertyOptional({ example: '2024-10-25', nullable: true, description: 'When the source stated it' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @Matches(LedgerPatterns.date, { message: 'statedAt must be YYYY-MM-DD' })
  statedAt?: string | null;

  @ApiProperty({ type: CitationDto }) @Nested(CitationDto)
  citation!: CitationDto;

  @ApiPropertyOptional({ enum: FIGURE_METHODS, default: 'unknown' }) @IsOptional() @IsIn(FIGURE_METHODS)
  method?: FigureMethod;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(LedgerLimits.scopeNoteMax) @NoControlCharacters({ freeText: true })
  scopeNote?: string | null;
}

export class ReviseFigureDto {
  @ApiPropertyOptional({ description: 'The version being revised; must still be current' })
  @IsOptional() @IsInt() @Min(1)
  revises?: number;

  @ApiPropertyOptional({ enum: REVISION_KINDS, description: 'correction (same validAt) or update (later validAt); derived when omitted' })
  @IsOptional() @IsIn(REVISION_KINDS)
  kind?: RevisionKind;

  @ApiProperty({ type: AmountDto }) @Nested(AmountDto)
  amount!: AmountDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LedgerLimits.unitMax) @NoControlCharacters()
  unit?: string;

  @ApiPropertyOptional({ type: ValidAtDto, description: "Defaults to the current version's (a correction)" })
  @IsOptional() @Nested(ValidAtDto)
  validAt?: ValidAtDto;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @Matches(LedgerPatterns.date, { message: 'statedAt must be YYYY-MM-DD' })
  statedAt?: string | null;

  @ApiProperty({ type: CitationDto }) @Nested(CitationDto)
  citation!: CitationDto;

  @ApiPropertyOptional({ enum: FIGURE_METHODS }) @IsOptional() @IsIn(FIGURE_METHODS)
  method?: FigureMethod;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(LedgerLimits.scopeNoteMax) @NoControlCharacters({ freeText: true })
  scopeNote?: string | null;

  @ApiProperty({ description: 'Why the figure changes' }) @IsString() @MinLength(1) @MaxLength(LedgerLimits.reasonMax) @NoControlCharacters({ freeText: true })
  reason!: string;
}

export class CorroborateFigureDto {
  @ApiProperty({ type: CitationDto }) @Nested(CitationDto)
  citation!: CitationDto;

  @ApiPropertyOptional({ nullable: true, description: 'Who repeated the claim, when known' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @Matches(LedgerPatterns.slug, { message: 'sourceId must be a lowercase slug' })
  sourceId?: string | null;
}

export class RetractFigureDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(LedgerLimits.reasonMax) @NoControlCharacters({ freeText: true })
  reason!: string;

  @ApiPropertyOptional({ type: CitationDto, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined) @Nested(CitationDto)
  citation?: CitationDto | null;
}
