/** What the seed's Go program does, step by step, over Weft's HTTP routes. */

/** The instance id the Go program uses. */
export const INSTANCE_ID = 'a7a4168d-3a1c-41da-8a4f-e7f6d9c718d9';

/** What the program observed; its test checks the same things the Go program checks. */
export interface BusinessReport {
  statusAfterSuspend: string;
  statusAfterResume: string;
  stageAfterEvent: number;
  failActivityTries: number;
  finalStatus: string;
  output: unknown;
  purgedStatusCode: number;
  restartedStatus: string;
  terminatedStatus: string;
  secondPurgeStatusCode: number;
}

interface State {
  status: string;
  output?: unknown;
}

/**
 * Runs the Go program's steps: start (input 1), suspend, resume, raise `businessEvent`, wait, purge,
 * start again, terminate, purge.
 *
 * @param baseUrl - the server
 * @param counters - reads the in-process stage and FailActivity counters
 * @param log - where to print
 * @throws Error where the Go program calls log.Fatal
 */
export async function runBusinessScenario(
  baseUrl: string,
  counters: () => { stage: number; failActivityTries: number },
  log: (line: string) => void,
): Promise<BusinessReport> {
  const wf = `${baseUrl}/workflows`;
  const id = encodeURIComponent(INSTANCE_ID);
  const call = async (method: string, path: string, json?: unknown): Promise<Response> => {
    const init: RequestInit = { method };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers = { 'content-type': 'application/json' };
    }
    return fetch(`${wf}${path}`, init);
  };
  const expectStatus = async (res: Response, status: number, what: string) => {
    if (res.status !== status) throw new Error(`failed to ${what}: ${res.status} ${await res.text()}`);
  };
  const stateUntil = async (done: (s: State) => boolean, what: string): Promise<State> => {
    for (let i = 0; i < 100; i++) {
      const state = (await (await call('GET', `/${id}?wait=200ms`)).json()) as State;
      if (done(state)) return state;
    }
    throw new Error(`workflow not ${what}`);
  };

  await expectStatus(await call('POST', `/TestWorkflow?instanceId=${id}`, 1), 202, 'start workflow');
  log(`workflow started with id: ${INSTANCE_ID}`);

  await expectStatus(await call('POST', `/${id}/suspend`), 202, 'pause workflow');
  const suspended = await stateUntil((s) => s.status === 'SUSPENDED', 'paused');
  log('workflow paused');

  await expectStatus(await call('POST', `/${id}/resume`), 202, 'resume workflow');
  const resumed = await stateUntil((s) => s.status === 'RUNNING', 'running');
  log('workflow resumed');
  log(`stage: ${counters().stage}`);

  await expectStatus(await call('POST', `/${id}/events/businessEvent`, 'testData'), 202, 'raise event');
  log('workflow event raised');

  const done = (await (await call('GET', `/${id}?wait=5s`)).json()) as State;
  if (done.status !== 'COMPLETED') throw new Error(`failed to wait for workflow: ${done.status}`);
  const stageAfterEvent = counters().stage;
  log(`stage: ${stageAfterEvent}`);
  log(`fail activity executions: ${counters().failActivityTries}`);
  log(`workflow status: ${done.status}`);

  await expectStatus(await call('DELETE', `/${id}`), 204, 'purge workflow');
  const purged = await call('GET', `/${id}`);
  if (purged.status !== 404) throw new Error('failed to purge workflow');
  log('workflow purged');
  log(`stage: ${counters().stage}`);

  await expectStatus(await call('POST', `/TestWorkflow?instanceId=${id}`, 1), 202, 'start workflow');
  log(`workflow started with id: ${INSTANCE_ID}`);
  const restarted = await stateUntil((s) => s.status !== 'PENDING', 'started');
  log(`workflow status: ${restarted.status}`);

  await expectStatus(await call('POST', `/${id}/terminate`), 202, 'terminate workflow');
  const terminated = await stateUntil((s) => s.status === 'TERMINATED', 'terminated');
  log('workflow terminated');

  const secondPurge = await call('DELETE', `/${id}`);
  await expectStatus(secondPurge, 204, 'purge workflow');
  log('workflow purged');

  return {
    statusAfterSuspend: suspended.status,
    statusAfterResume: resumed.status,
    stageAfterEvent,
    failActivityTries: counters().failActivityTries,
    finalStatus: done.status,
    output: done.output,
    purgedStatusCode: purged.status,
    restartedStatus: restarted.status,
    terminatedStatus: terminated.status,
    secondPurgeStatusCode: secondPurge.status,
  };
}
