import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LedgerLimits, LedgerPatterns } from '@factledger/ledger-domain';
import { NoControlCharacters } from '@factledger/platform';

export class RegisterMetricDto {
  @ApiProperty({ example: 'north_korean_troops_in_russia' })
  @Matches(LedgerPatterns.metricKey, { message: 'key must be snake_case: a-z, 0-9 and _, 2 to 100 characters, starting with a letter' })
  key!: string;

  @ApiProperty({ example: 'North Korean troops in Russia' })
  @IsString() @MinLength(1) @MaxLength(LedgerLimits.labelMax) @NoControlCharacters()
  label!: string;

  @ApiProperty({ example: 'troops', description: 'Fixed at registration; every figure of the metric uses it' })
  @IsString() @MinLength(1) @MaxLength(LedgerLimits.unitMax) @NoControlCharacters()
  unit!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LedgerLimits.descriptionMax) @NoControlCharacters({ freeText: true })
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(LedgerLimits.aliasesMaxItems) @IsString({ each: true }) @MaxLength(LedgerLimits.aliasMax, { each: true }) @NoControlCharacters({ each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Extraction patterns (regular expressions) that identify the metric in text' })
  @IsOptional() @IsArray() @ArrayMaxSize(LedgerLimits.patternsMaxItems) @IsString({ each: true }) @MaxLength(LedgerLimits.patternMax, { each: true }) @NoControlCharacters({ each: true })
  patterns?: string[];
}

/** Changed fields only; `unit` may be sent but must equal the registered one. */
export class UpdateMetricDto extends PartialType(OmitType(RegisterMetricDto, ['key'] as const)) {}
