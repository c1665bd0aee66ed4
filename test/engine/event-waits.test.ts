import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  TimeoutError,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const HOUR = 3_600_000;
const reminders: number[] = [];

@Activity({ name: 'send_reminder' })
class SendReminder extends ActivityBase<number, void> {
  async run(_ctx: unknown, n: number): Promise<void> {
    reminders.push(n);
  }
}

/** The approval loop with reminders: a fresh wait each round, each racing an hourly timer. */
@Workflow({ name: 'approval_with_reminders' })
class ApprovalWithReminders extends WorkflowBase<number, { approved: unknown; reminders: number }> {
  async run(ctx: WorkflowContext, maxReminders: number) {
    for (let sent = 0; sent <= maxReminders; sent++) {
      const approval = ctx.waitForExternalEvent<{ ok: boolean }>('approval');
      const timeout = ctx.createTimer(HOUR);
      const winner = await ctx.whenAny([approval, timeout]);
      if (winner === approval) return { approved: approval.result?.ok ?? null, reminders: sent };
      await ctx.callActivity(SendReminder, sent + 1);
    }
    return { approved: null, reminders: maxReminders };
  }
}

/** The same loop, keeping one wait across rounds: it lost each race but is awaited again. */
@Workflow({ name: 'one_wait_many_rounds' })
class OneWaitManyRounds extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext) {
    const approval = ctx.waitForExternalEvent<string>('approval');
    for (let round = 0; round < 10; round++) {
      const timeout = ctx.createTimer(HOUR);
      if ((await ctx.whenAny([approval, timeout])) === approval) return { round, value: approval.result };
    }
    return 'gave up';
  }
}

/** A generator workflow (Dapr JavaScript SDK style) gets the winner task too. */
@Workflow({ name: 'generator_when_any' })
class GeneratorWhenAny {
  *run(ctx: WorkflowContext): Generator<unknown, string, unknown> {
    const event = ctx.waitForExternalEvent<string>('go');
    const timeout = ctx.createTimer(HOUR);
    const winner = yield ctx.whenAny([event, timeout]);
    return winner === event ? `event:${event.result}` : winner === timeout ? 'timer' : 'neither';
  }
}

@Workflow({ name: 'event_with_timeout' })
class EventWithTimeout extends WorkflowBase<number, unknown> {
  async run(ctx: WorkflowContext, timeoutMs: number) {
    try {
      const value = await ctx.waitForExternalEvent<string>('answer', { timeoutMs });
      const next = await ctx.waitForExternalEvent<string>('answer');
      return { value, next };
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      // The timed-out wait gave its claim up: this wait takes the next 'answer'.
      return { timedOut: true, late: await ctx.waitForExternalEvent<string>('answer') };
    }
  }
}

/** Three waits that time out, then a fourth without a timeout (azure-functions-durable-extension#3255). */
@Workflow({ name: 'timeouts_then_wait' })
class TimeoutsThenWait extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext) {
    let timedOut = 0;
    for (let i = 0; i < 3; i++) {
      try {
        await ctx.waitForExternalEvent('ping', { timeoutMs: HOUR });
      } catch (err) {
        if (err instanceof TimeoutError) timedOut += 1;
      }
    }
    return { timedOut, fourth: await ctx.waitForExternalEvent<string>('ping') };
  }
}

/** An event that arrives before its wait exists, which then races a day-long timer (azure-functions-durable-js#558). */
@Workflow({ name: 'early_event' })
class EarlyEvent extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext) {
    const start = ctx.currentUtcDateTime.getTime();
    await ctx.createTimer(HOUR);
    const event = ctx.waitForExternalEvent<string>('early');
    const winner = await ctx.whenAny([event, ctx.createTimer(24 * HOUR)]);
    return {
      event: winner === event ? event.result : 'timer',
      hours: (ctx.currentUtcDateTime.getTime() - start) / HOUR,
    };
  }
}

describe('external event waits', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    reminders.length = 0;
    env = await WorkflowTestEnvironment.create({
      workflows: [
        ApprovalWithReminders,
        OneWaitManyRounds,
        GeneratorWhenAny,
        EventWithTimeout,
        TimeoutsThenWait,
        EarlyEvent,
      ],
      activities: [SendReminder],
    });
  });
  afterEach(() => env.teardown());

  it('an approval after 8 reminders reaches the live wait, not one that lost a race', async () => {
    const id = await env.client.scheduleNewWorkflow(ApprovalWithReminders, 20);
    await env.sleep(8 * HOUR + HOUR / 2);
    expect(reminders).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await env.client.raiseEvent(id, 'approval', { ok: true });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ approved: true, reminders: 8 });
  });

  it('an event raised while no wait is live stays buffered for the next wait of that name', async () => {
    const id = await env.client.scheduleNewWorkflow(ApprovalWithReminders, 20);
    await env.sleep(2 * HOUR + HOUR / 2);
    await env.client.raiseEvent(id, 'approval', { ok: false });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ approved: false, reminders: 2 });
  });

  it('a wait that lost races takes its claim back when awaited again', async () => {
    const id = await env.client.scheduleNewWorkflow(OneWaitManyRounds);
    await env.sleep(3 * HOUR + HOUR / 2);
    await env.client.raiseEvent(id, 'approval', 'yes');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ round: 3, value: 'yes' });
  });

  it('a generator workflow receives the winner task from whenAny', async () => {
    const early = await env.client.scheduleNewWorkflow(GeneratorWhenAny);
    await env.client.waitForWorkflowStart(early);
    await env.client.raiseEvent(early, 'go', 'now');
    expect((await env.client.waitForWorkflowCompletion(early)).output).toBe('event:now');
    const late = await env.client.scheduleNewWorkflow(GeneratorWhenAny);
    expect((await env.client.waitForWorkflowCompletion(late)).output).toBe('timer');
  });

  it('waitForExternalEvent with timeoutMs rejects with TimeoutError, recorded as a timer with an event origin', async () => {
    const id = await env.client.scheduleNewWorkflow(EventWithTimeout, 30 * 24 * HOUR);
    await env.sleep(30 * 24 * HOUR + 1);
    await env.client.raiseEvent(id, 'answer', 'too late');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ timedOut: true, late: 'too late' });
    const history = await env.client.getWorkflowHistory(id);
    const timer = history.find((e) => e.type === 'TimerCreated');
    expect(timer?.origin).toEqual({ kind: 'externalEvent', name: 'answer' });
    expect((timer?.fireAt as number) - state.createdAt.getTime()).toBe(30 * 24 * HOUR);
    expect(history.filter((e) => e.type === 'TimerFired')).toHaveLength(1);
  });

  it('an event before the timeout completes the wait; the timer firing later changes nothing', async () => {
    const id = await env.client.scheduleNewWorkflow(EventWithTimeout, HOUR);
    await env.client.waitForWorkflowStart(id);
    await env.client.raiseEvent(id, 'answer', 'first');
    await env.sleep(2 * HOUR);
    await env.client.raiseEvent(id, 'answer', 'second');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual({ value: 'first', next: 'second' });
  });

  it('waits that timed out take no later events: one event reaches the fourth wait', async () => {
    const id = await env.client.scheduleNewWorkflow(TimeoutsThenWait);
    await env.sleep(3 * HOUR + 1);
    await env.client.raiseEvent(id, 'ping', 'pong');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ timedOut: 3, fourth: 'pong' });
  });

  it('an event buffered before its wait wins the whenAny at once, with the timer still pending', async () => {
    const id = await env.client.scheduleNewWorkflow(EarlyEvent);
    await env.client.waitForWorkflowStart(id);
    await env.client.raiseEvent(id, 'early', 'here');
    const state = await env.client.waitForWorkflowCompletion(id);
    // Completed one hour in (after the first timer), not after the day-long timer that lost.
    expect(state.output).toEqual({ event: 'here', hours: 1 });
  });

  it('timeoutMs 0 fails at once unless the event is buffered', async () => {
    const id = await env.client.scheduleNewWorkflow(EventWithTimeout, 0);
    await env.client.waitForWorkflowStart(id);
    await env.client.raiseEvent(id, 'answer', 'after');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual({ timedOut: true, late: 'after' });
  });
});
