import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { KEY_ID, ROLES, type Role } from '@factledger/platform';

export class CreateKeyDto {
  @ApiProperty({ example: 'newsroom importer', description: "Who or what holds the key; kept in the key table only (redactable), never in the ledger's events" })
  @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['reporter'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: '2027-06-30T00:00:00Z', description: 'After this time the key no longer authenticates; omitted: no expiry' })
  @IsOptional() @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class KeyIdParams {
  @ApiProperty({ example: '3f9a1b2c4d5e6f70' })
  @Matches(KEY_ID, { message: 'id must be a key id: 16 lowercase hex digits' })
  id!: string;
}
