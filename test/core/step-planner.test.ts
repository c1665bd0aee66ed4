import {
  canRunStep,
  newEvent,
  planControl,
  planStep,
  STALL_RETRY_MS,
  stepEvents,
  WorkflowExecutor,
  WorkflowStatus,
  silentLogger,
} from '../../src/core';
import type { ExecutionEnvironment, HistoryEvent, PlanInstance, WorkflowContext } from '../../src/core';

const t0 = Date.UTC(2026, 0, 1);
const running: PlanInstance = { instanceId: 'o1', name: 'order', status: WorkflowStatus.RUNNING };

/** The first step of an instance: its start, as the engine delivers it. */
const firstStep = stepEvents([newEvent('ExecutionStarted', t0, { name: 'order', input: '{"qty":1}' })], t0);

describe('planStep (what a step means, from built histories)', () => {
  it('starts a PENDING instance and schedules each kind of work with its history event', () => {
    const plan = planStep({
      instance: { ...running, status: WorkflowStatus.PENDING },
      newEvents: firstStep,
      actions: [
        { type: 'ScheduleTask', id: 0, name: 'Reserve', input: '1', taskExecutionId: 'x0', attempt: 1 },
        { type: 'CreateTimer', id: 1, fireAt: t0 + 5000, origin: { kind: 'createTimer' } },
        { type: 'CreateChildWorkflow', id: 2, instanceId: 'c1', name: 'ship', input: '"a"' },
        { type: 'SendEvent', id: 3, instanceId: 'other', name: 'ping', data: '7' },
      ],
      customStatus: '"busy"',
      now: t0 + 1,
    });
    expect(plan.nextStatus).toBe(WorkflowStatus.RUNNING);
    expect(plan.customStatus).toBe('"busy"');
    expect(plan.history.map((e) => [e.type, e.eventId])).toEqual([
      ['WorkflowStarted', -1],
      ['ExecutionStarted', -1],
      ['TaskScheduled', 0],
      ['TimerCreated', 1],
      ['ChildWorkflowInstanceCreated', 2],
      ['EventSent', 3],
    ]);
    expect(plan.history.slice(2).every((e) => e.timestamp === t0 + 1)).toBe(true);
    expect(plan.activities).toEqual([
      { taskId: 0, name: 'Reserve', input: '1', attempt: 1, taskExecutionId: 'x0' },
    ]);
    expect(plan.timers).toEqual([
      {
        fireAt: t0 + 5000,
        event: expect.objectContaining({ type: 'TimerFired', timerId: 1, fireAt: t0 + 5000 }),
      },
    ]);
    expect(plan.childStarts).toHaveLength(1);
    expect(plan.childStarts[0]).toMatchObject({
      instanceId: 'c1',
      parentTaskId: 2,
      started: {
        type: 'ExecutionStarted',
        parentInstance: { instanceId: 'o1', name: 'order', taskScheduledId: 2 },
      },
      refused: { type: 'ChildWorkflowInstanceFailed', taskScheduledId: 2 },
    });
    expect(plan.messages).toEqual([
      {
        instanceId: 'other',
        event: expect.objectContaining({ type: 'EventRaised', name: 'ping', input: '7' }),
      },
    ]);
    expect(plan.completion).toBeUndefined();
  });

  it('gives a child started without an id the protocol default <parent>:<task id in 4 hex digits>', () => {
    const plan = planStep({
      instance: running,
      newEvents: stepEvents([], t0),
      actions: [{ type: 'CreateChildWorkflow', id: 26, instanceId: '', name: 'ship' }],
      now: t0,
    });
    expect(plan.childStarts[0].instanceId).toBe('o1:001a');
    expect(plan.history[1]).toMatchObject({ type: 'ChildWorkflowInstanceCreated', instanceId: 'o1:001a' });
  });

  it('keeps the status control requests set: a step consuming their events does not change it', () => {
    // planControl set SUSPENDED when the suspend was requested; a step that was in flight (or consumes the
    // queued event later) keeps it, and a resume's RUNNING is likewise left alone.
    const suspendedNow = { ...running, status: WorkflowStatus.SUSPENDED };
    const inFlight = planStep({
      instance: suspendedNow,
      newEvents: stepEvents([], t0),
      actions: [],
      now: t0,
    });
    expect(inFlight.nextStatus).toBe(WorkflowStatus.SUSPENDED);
    const resumed = planStep({
      instance: running,
      newEvents: stepEvents(
        [newEvent('ExecutionSuspended', t0, {}), newEvent('ExecutionResumed', t0, {})],
        t0,
      ),
      actions: [],
      now: t0,
    });
    expect(resumed.nextStatus).toBe(WorkflowStatus.RUNNING);
  });

  it('plans control requests without running code', () => {
    const at = (status: WorkflowStatus) => ({
      instance: { ...running, status },
      inbox: [],
      now: t0,
    });
    expect(
      planControl({ ...at(WorkflowStatus.RUNNING), request: { kind: 'suspend', reason: 'r' } }),
    ).toMatchObject({
      kind: 'status',
      nextStatus: WorkflowStatus.SUSPENDED,
      message: { type: 'ExecutionSuspended', input: 'r' },
    });
    expect(planControl({ ...at(WorkflowStatus.SUSPENDED), request: { kind: 'suspend' } })).toEqual({
      kind: 'none',
    });
    expect(planControl({ ...at(WorkflowStatus.RUNNING), request: { kind: 'resume' } })).toEqual({
      kind: 'none',
    });
    expect(planControl({ ...at(WorkflowStatus.SUSPENDED), request: { kind: 'resume' } })).toMatchObject({
      nextStatus: WorkflowStatus.RUNNING,
    });
    const started = newEvent('ExecutionStarted', t0, { name: 'order' });
    const terminate = planControl({
      ...at(WorkflowStatus.PENDING),
      inbox: [started],
      request: { kind: 'terminate', output: '"stop"', recursive: true },
    });
    if (terminate.kind !== 'finish') throw new Error('expected a finish');
    expect(terminate.plan.history.map((e) => e.type)).toEqual([
      'WorkflowStarted',
      'ExecutionStarted',
      'ExecutionTerminated',
      'ExecutionCompleted',
    ]);
    expect(terminate.plan.nextStatus).toBe(WorkflowStatus.TERMINATED);
    expect(terminate.plan.completion).toMatchObject({
      kind: 'finish',
      output: '"stop"',
      terminateChildren: { recurse: true },
    });
    const flat = planControl({
      ...at(WorkflowStatus.RUNNING),
      request: { kind: 'terminate', recursive: false },
    });
    expect(flat.kind === 'finish' && flat.plan.completion).toMatchObject({ kind: 'finish' });
    expect(
      flat.kind === 'finish' &&
        flat.plan.completion?.kind === 'finish' &&
        flat.plan.completion.terminateChildren,
    ).toBeFalsy();
  });

  it('lets a suspended instance step only for resume or terminate', () => {
    expect(canRunStep(WorkflowStatus.SUSPENDED, ['EventRaised', 'TaskCompleted'])).toBe(false);
    expect(canRunStep(WorkflowStatus.SUSPENDED, ['EventRaised', 'ExecutionResumed'])).toBe(true);
    expect(canRunStep(WorkflowStatus.SUSPENDED, ['ExecutionTerminated'])).toBe(true);
    expect(canRunStep(WorkflowStatus.RUNNING, ['EventRaised'])).toBe(true);
    expect(canRunStep(WorkflowStatus.RUNNING, [])).toBe(false);
  });

  it('reports a child outcome to its parent: result on completion, a failure otherwise', () => {
    const child: PlanInstance = {
      instanceId: 'c1',
      name: 'ship',
      status: WorkflowStatus.RUNNING,
      parent: { instanceId: 'o1', taskScheduledId: 2 },
    };
    const done = planStep({
      instance: child,
      newEvents: stepEvents([], t0),
      actions: [
        { type: 'CompleteWorkflow', id: 0, workflowStatus: WorkflowStatus.COMPLETED, result: '"ok"' },
      ],
      now: t0,
    });
    expect(done.nextStatus).toBe(WorkflowStatus.COMPLETED);
    expect(done.completion).toMatchObject({
      kind: 'finish',
      status: WorkflowStatus.COMPLETED,
      output: '"ok"',
      parentNotice: {
        instanceId: 'o1',
        event: { type: 'ChildWorkflowInstanceCompleted', taskScheduledId: 2, result: '"ok"' },
      },
    });
    const terminated = planStep({
      instance: child,
      newEvents: stepEvents([newEvent('ExecutionTerminated', t0, { recurse: false })], t0),
      actions: [{ type: 'CompleteWorkflow', id: -1, workflowStatus: WorkflowStatus.TERMINATED }],
      now: t0,
    });
    expect(terminated.completion).toMatchObject({
      kind: 'finish',
      parentNotice: {
        event: {
          type: 'ChildWorkflowInstanceFailed',
          failureDetails: { errorType: 'WorkflowTerminated', message: expect.stringContaining("'c1'") },
        },
      },
    });
    // recurse: false leaves the children running
    expect(terminated.completion).not.toHaveProperty('terminateChildren');
  });

  it('terminates running children on a recursive terminate', () => {
    const plan = planStep({
      instance: running,
      newEvents: stepEvents([newEvent('ExecutionTerminated', t0, { input: '"stop"', recurse: true })], t0),
      actions: [
        { type: 'CompleteWorkflow', id: -1, workflowStatus: WorkflowStatus.TERMINATED, result: '"stop"' },
      ],
      now: t0 + 3,
    });
    expect(plan.completion).toMatchObject({
      kind: 'finish',
      status: WorkflowStatus.TERMINATED,
      terminateChildren: { type: 'ExecutionTerminated', recurse: true, input: '"stop"', timestamp: t0 + 3 },
    });
  });

  it('plans continue-as-new as a fresh RUNNING execution carrying unconsumed events', () => {
    const carried = newEvent('EventRaised', t0 - 100, { name: 'late', input: '1' });
    const plan = planStep({
      instance: running,
      newEvents: stepEvents([], t0),
      actions: [
        {
          type: 'CompleteWorkflow',
          id: 4,
          workflowStatus: WorkflowStatus.CONTINUED_AS_NEW,
          result: '{"round":2}',
          carryoverEvents: [carried],
        },
      ],
      now: t0 + 9,
    });
    expect(plan.nextStatus).toBe(WorkflowStatus.RUNNING);
    expect(plan.completion).toEqual({
      kind: 'continueAsNew',
      input: '{"round":2}',
      carryover: [{ ...carried, timestamp: t0 + 9 }],
    });
  });

  it('stamps a delivered timer with the time it fired, not its due time', () => {
    const events: HistoryEvent[] = stepEvents(
      [newEvent('TimerFired', t0, { fireAt: t0, timerId: 1 })],
      t0 + 50,
    );
    expect(events[1]).toMatchObject({ type: 'TimerFired', fireAt: t0, timestamp: t0 + 50 });
  });

  it('plans what the real executor asks for on a built history', async () => {
    const order = async (ctx: WorkflowContext, input: { qty: number }) => {
      await ctx.callActivity('Reserve', input.qty);
      await ctx.createTimer(1000);
      return 'done';
    };
    const env: ExecutionEnvironment = {
      resolveWorkflow: (name) => (name === 'order' ? { code: order } : undefined),
      nameOf: (target) => (typeof target === 'string' ? target : target.name),
      logger: silentLogger,
      maxPayloadBytes: 1 << 20,
    };
    const past = [...firstStep, newEvent('TaskScheduled', t0, { eventId: 0, name: 'Reserve', input: '1' })];
    const fresh = stepEvents(
      [newEvent('TaskCompleted', t0 + 10, { taskScheduledId: 0, result: 'true' })],
      t0 + 10,
    );
    const step = await new WorkflowExecutor(env, 0).execute({
      instanceId: 'o1',
      pastEventCount: past.length,
      loadPastEvents: async () => past,
      newEvents: fresh,
    });
    const plan = planStep({ instance: running, newEvents: fresh, actions: step.actions, now: t0 + 10 });
    expect(plan.history.map((e) => e.type)).toEqual(['WorkflowStarted', 'TaskCompleted', 'TimerCreated']);
    expect(plan.timers).toEqual([expect.objectContaining({ fireAt: t0 + 10 + 1000 })]);
    expect(plan.activities).toEqual([]);
    expect(plan.nextStatus).toBe(WorkflowStatus.RUNNING);
  });
});

describe('planStep: stalls, versions and detached starts', () => {
  const stall = { reason: 'VERSION_NOT_AVAILABLE' as const, description: "No version 'v3' of 'order'." };

  it('plans a stall: nothing consumed or scheduled, one ExecutionStalled, events held until the retry', () => {
    const plan = planStep({
      instance: running,
      newEvents: stepEvents([newEvent('EventRaised', t0, { name: 'go' })], t0 + 5),
      // A stalled step's actions mean nothing: they are ignored.
      actions: [{ type: 'ScheduleTask', id: 0, name: 'Reserve', taskExecutionId: 'x0', attempt: 1 }],
      stalled: stall,
      now: t0 + 5,
    });
    expect(plan.nextStatus).toBe(WorkflowStatus.STALLED);
    expect(plan.completion).toEqual({ kind: 'stall', ...stall, retryAt: t0 + 5 + STALL_RETRY_MS });
    expect(plan.history).toEqual([
      expect.objectContaining({
        type: 'ExecutionStalled',
        reason: stall.reason,
        description: stall.description,
      }),
    ]);
    expect(plan.activities).toEqual([]);
    expect(plan.timers).toEqual([]);
    expect(plan.detachedStarts).toEqual([]);
  });

  it('records ExecutionStalled once: a stalled instance that stalls again adds no history', () => {
    const plan = planStep({
      instance: { ...running, status: WorkflowStatus.STALLED },
      newEvents: firstStep,
      actions: [],
      stalled: stall,
      now: t0 + 60_000,
    });
    expect(plan.history).toEqual([]);
    expect(plan.completion).toMatchObject({ kind: 'stall', retryAt: t0 + 60_000 + STALL_RETRY_MS });
  });

  it("ends a stall when a step runs, and writes the version onto the step's WorkflowStarted", () => {
    const fresh = stepEvents([newEvent('EventRaised', t0, { name: 'go' })], t0 + 7);
    const plan = planStep({
      instance: { ...running, status: WorkflowStatus.STALLED },
      newEvents: fresh,
      actions: [],
      version: { name: 'v2', patches: ['fix-1'] },
      now: t0 + 7,
    });
    expect(plan.nextStatus).toBe(WorkflowStatus.RUNNING);
    expect(plan.completion).toBeUndefined();
    expect(plan.version).toBe('v2');
    expect(plan.history[0]).toMatchObject({
      type: 'WorkflowStarted',
      version: { name: 'v2', patches: ['fix-1'] },
    });
    // The input's events are not changed in place.
    expect(fresh[0]).not.toHaveProperty('version');
  });

  it('wakes a STALLED instance for any due message (held-back events are not due until the retry)', () => {
    expect(canRunStep(WorkflowStatus.STALLED, ['EventRaised'])).toBe(true);
    expect(canRunStep(WorkflowStatus.STALLED, ['ExecutionTerminated'])).toBe(true);
    expect(canRunStep(WorkflowStatus.STALLED, [])).toBe(false);
  });

  it('plans a detached start: its history event, and a start with no parent link', () => {
    const plan = planStep({
      instance: { ...running, parent: { instanceId: 'p', taskScheduledId: 4 } },
      newEvents: firstStep,
      actions: [{ type: 'CreateDetachedWorkflow', id: 0, instanceId: 'o1-0', name: 'audit', input: '"x"' }],
      now: t0 + 3,
    });
    expect(plan.history.slice(2)).toEqual([
      expect.objectContaining({
        type: 'DetachedWorkflowInstanceCreated',
        eventId: 0,
        instanceId: 'o1-0',
        name: 'audit',
        input: '"x"',
        timestamp: t0 + 3,
      }),
    ]);
    expect(plan.detachedStarts).toEqual([{ instanceId: 'o1-0', name: 'audit', input: '"x"' }]);
    expect(plan.childStarts).toEqual([]);
    expect(plan.messages).toEqual([]);
  });
});
