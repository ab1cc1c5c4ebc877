import { HISTORY_PAGE_DEFAULT_LIMIT, HISTORY_PAGE_MAX_LIMIT } from '@herald/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EVENT_ID_PATTERN } from '@herald/contracts';

/** Query of a history page. */
export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'Only messages older than this event id; the newest when absent.', example: '1732450000000-0' })
  @IsOptional()
  @Matches(EVENT_ID_PATTERN, { message: 'before must be an event id such as 1732450000000-0' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: HISTORY_PAGE_MAX_LIMIT, default: HISTORY_PAGE_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number from 1 to ${HISTORY_PAGE_MAX_LIMIT}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${HISTORY_PAGE_MAX_LIMIT}` })
  @Max(HISTORY_PAGE_MAX_LIMIT, { message: `limit must be a whole number from 1 to ${HISTORY_PAGE_MAX_LIMIT}` })
  limit?: number;
}
