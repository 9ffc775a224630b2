import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { QueryInteger } from '@factledger/platform';

export const MAX_ROWS_PAGE = 1000;

export class ReadModelRowsQueryDto {
  @ApiProperty({ example: 'figures_current', description: 'A table of the read model' })
  @IsString() @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'table must be a table name' })
  table!: string;

  @ApiProperty({ example: '1234', description: 'The checkpoint position the caller compared (from the digest); 409 once the model has moved on' })
  @IsString() @Matches(/^(0|[1-9]\d{0,18})$/, { message: 'position must be a ledger position' })
  position!: string;

  @ApiPropertyOptional({ description: 'The row hash to continue after (nextAfter of the previous page)' })
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/, { message: 'after must be a hex SHA-256' })
  after?: string;

  @ApiPropertyOptional({ example: 500, description: `Rows per page, 1..${MAX_ROWS_PAGE} (default 500)` })
  @IsOptional() @QueryInteger({ min: 1, max: MAX_ROWS_PAGE })
  limit?: number;
}
