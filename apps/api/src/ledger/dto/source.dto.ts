import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LedgerLimits, LedgerPatterns, SOURCE_KINDS, type SourceKind } from '@factledger/ledger-domain';
import { NoControlCharacters } from '@factledger/platform';

export class RegisterSourceDto {
  @ApiProperty({ example: 'ua-hur' })
  @Matches(LedgerPatterns.slug, { message: 'sourceId must be a lowercase slug: a-z, 0-9, _ and -' })
  sourceId!: string;

  @ApiProperty({ example: 'Ukrainian military intelligence (HUR)' })
  @IsString() @MinLength(1) @MaxLength(LedgerLimits.nameMax) @NoControlCharacters()
  name!: string;

  @ApiProperty({ enum: SOURCE_KINDS }) @IsIn(SOURCE_KINDS)
  kind!: SourceKind;

  @ApiPropertyOptional({ example: 'UA', nullable: true, description: 'ISO 3166-1 alpha-2; null clears it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(LedgerPatterns.country, { message: 'country must be an ISO 3166-1 alpha-2 code such as UA' })
  country?: string | null;

  @ApiPropertyOptional({ description: 'Whether the source is a party to the conflict' }) @IsOptional() @IsBoolean()
  partyToConflict?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['HUR', 'Ukrainian intelligence'] })
  @IsOptional() @IsArray() @ArrayMaxSize(LedgerLimits.aliasesMaxItems) @IsString({ each: true }) @MaxLength(LedgerLimits.aliasMax, { each: true }) @NoControlCharacters({ each: true })
  aliases?: string[];

  @ApiPropertyOptional({
    description: 'Unverified: awaiting an editor\'s check (ingestion registers unknown names so). Estimate algorithm 2 leaves the source\'s figures out while set; PATCH with false verifies it. Registration default: false (verified)',
  })
  @IsOptional() @IsBoolean()
  needsReview?: boolean;
}

export class UpdateSourceDto extends PartialType(OmitType(RegisterSourceDto, ['sourceId'] as const)) {}
