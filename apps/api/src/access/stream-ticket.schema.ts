import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { StreamTicket } from '@herald/contracts';
import { CreateStreamTicketDto } from '@herald/contracts/dto';

// OpenAPI descriptions of the ticket contracts (the contracts library stays free of Swagger).
ApiProperty({ description: 'The room the ticket opens one stream of.', example: 'private-board' })(CreateStreamTicketDto.prototype, 'room');
ApiSchema({ name: 'CreateStreamTicketDto' })(CreateStreamTicketDto);

@ApiSchema({ name: 'StreamTicket' })
export class StreamTicketSchema implements StreamTicket {
  @ApiProperty({
    description: "Pass as ?ticket= on the room's event stream; single use.",
    example: 'x3Jw1lZ1b3Vn0Qm2sS8e7v0kqgH3tqQ4p5n6m7o8p9A',
  })
  ticket!: string;
  @ApiProperty({ description: 'The ticket is refused after this time (30 s after it was made).', example: '2026-11-24T12:00:30.000Z' })
  expiresAt!: string;
}
