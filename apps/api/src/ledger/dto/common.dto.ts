import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { AMOUNT_QUALIFIERS, LedgerLimits, LedgerPatterns, VALID_AT_PRECISIONS, type AmountQualifier } from '@factledger/ledger-domain';
import { IsBoundedAmount, NoControlCharacters } from '@factledger/platform';
import { MAX_AMOUNT } from '@factledger/shared';

// DTOs are the first line of validation (types, required fields, formats) and
// the OpenAPI schema; the domain re-checks every rule.

const BOUNDED = { minimum: -MAX_AMOUNT, maximum: MAX_AMOUNT, description: `|amount| ≤ ${MAX_AMOUNT} (the amount bound)` };

export class AmountDto {
  @ApiProperty({ enum: AMOUNT_QUALIFIERS, description: 'exact/approximately need value; up_to needs high; at_least/more_than need low; range needs low ≤ high' })
  @IsIn(AMOUNT_QUALIFIERS)
  qualifier!: AmountQualifier;

  @ApiPropertyOptional(BOUNDED) @IsOptional() @IsBoundedAmount() value?: number;
  @ApiPropertyOptional(BOUNDED) @IsOptional() @IsBoundedAmount() low?: number;
  @ApiPropertyOptional(BOUNDED) @IsOptional() @IsBoundedAmount() high?: number;
}

export class ValidAtDto {
  @ApiProperty({ example: '2024-10-28', description: 'The date the figure describes' })
  @Matches(LedgerPatterns.date, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ enum: VALID_AT_PRECISIONS, default: 'day', description: 'month → date is the 1st; year → 1 January' })
  @IsOptional()
  @IsIn(VALID_AT_PRECISIONS)
  precision?: (typeof VALID_AT_PRECISIONS)[number];
}

export class CitationDto {
  @ApiProperty({ example: 'isw-2024-10-28' })
  @Matches(LedgerPatterns.slug, { message: 'reportId must be a lowercase slug' })
  reportId!: string;

  @ApiProperty({ description: 'Verbatim quote holding the figure' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LedgerLimits.quoteMax)
  @NoControlCharacters({ freeText: true })
  quote!: string;

  @ApiPropertyOptional({ description: 'Character offset of the quote in the report text' })
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number | null;
}

/** A nested object, validated with its own DTO (unknown fields refused there too). */
export const Nested = (cls: new () => unknown) => applyDecorators(IsObject(), ValidateNested(), Type(() => cls));
