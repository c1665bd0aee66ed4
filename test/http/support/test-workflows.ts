import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { Workflow, WorkflowBase } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

/** Returns its input. */
@Workflow({ name: 'Echo' })
export class EchoWorkflow extends WorkflowBase<unknown, unknown> {
  async run(_ctx: WorkflowContext, input: unknown): Promise<unknown> {
    return input;
  }
}

/** Waits for the event `go` and returns `{ input, event }`. */
@Workflow({ name: 'WaitForGo' })
export class WaitForGoWorkflow extends WorkflowBase<unknown, unknown> {
  async run(ctx: WorkflowContext, input: unknown): Promise<unknown> {
    const event = await ctx.waitForExternalEvent<unknown>('go');
    return { input, event };
  }
}

/** A nested DTO. */
export class ShippingAddress {
  @IsString()
  @IsNotEmpty()
  city!: string;
}

/** A DTO with several constraints. */
export class TicketRequest {
  @IsString()
  @IsNotEmpty()
  title!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  seats!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddress)
  address?: ShippingAddress;
}

/** Example body of {@link TicketRequest}. */
export const ticketExample = { title: 'Concert', seats: 2, address: { city: 'Oslo' } };

/** A workflow with per-workflow routes and a DTO. */
@Workflow({
  name: 'BookTicket',
  http: {
    path: '/tickets',
    input: TicketRequest,
    example: ticketExample,
    messages: {
      missingInput: 'Ticket data was missing from the request',
      notFound: "No ticket with ID = '{id}' was found.",
    },
  },
})
export class BookTicketWorkflow extends WorkflowBase<TicketRequest, string> {
  async run(_ctx: WorkflowContext, input: TicketRequest): Promise<string> {
    return `${input.seats} x ${input.title}`;
  }
}
