import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { QueryInteger } from '@factledger/platform';

const TreeSize = () => QueryInteger({ min: 0, max: Number.MAX_SAFE_INTEGER });

export class InclusionProofQuery {
  @ApiPropertyOptional({ description: 'Event id (uuid) or global position; or give `leaf` instead' })
  @IsOptional()
  @IsString()
  event?: string;

  @ApiPropertyOptional({ description: 'Leaf index; or give `event` instead' })
  @IsOptional()
  @TreeSize()
  leaf?: number;

  @ApiPropertyOptional({ description: 'Tree size the proof is for (default: the latest checkpoint’s)' })
  @IsOptional()
  @TreeSize()
  size?: number;
}
