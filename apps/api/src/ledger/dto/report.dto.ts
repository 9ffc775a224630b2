import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LedgerLimits, LedgerPatterns } from '@factledger/ledger-domain';
import { NoControlCharacters } from '@factledger/platform';

const MAX_TEXT = 1_000_000;

export class RegisterReportDto {
  @ApiProperty({ example: 'acled-2024-10-28' })
  @Matches(LedgerPatterns.slug, { message: 'reportId must be a lowercase slug: a-z, 0-9, _ and -' })
  reportId!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(LedgerLimits.publisherMax) @NoControlCharacters()
  publisher!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(LedgerLimits.titleMax) @NoControlCharacters()
  title!: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(LedgerLimits.urlMax)
  url?: string | null;

  @ApiProperty({ example: '2024-10-28' }) @Matches(LedgerPatterns.date, { message: 'publishedAt must be YYYY-MM-DD' })
  publishedAt!: string;

  @ApiProperty({ example: 'en' }) @Matches(LedgerPatterns.language, { message: 'language must be a language tag such as en or pt-BR' })
  language!: string;

  @ApiPropertyOptional({ description: 'sha256 (hex) of the UTF-8 article text', nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(LedgerPatterns.sha256, { message: 'contentHash must be 64 lowercase hex characters (sha256)' })
  contentHash?: string | null;

  @ApiPropertyOptional({ description: 'Raw article text; stored apart from the events (redactable); its sha256 becomes contentHash' })
  @IsOptional() @IsString() @MaxLength(MAX_TEXT)
  text?: string;
}

export class UpdateReportDto extends PartialType(OmitType(RegisterReportDto, ['reportId', 'text'] as const)) {}

export class ReportTextDto {
  @ApiProperty({ description: "Raw article text; must hash (sha256 of UTF-8) to the report's contentHash" })
  @IsString() @MaxLength(MAX_TEXT)
  text!: string;
}
