/** What the seed's Java client does, over Weft's HTTP routes: start, send the events, wait for the end. */

/** The final state of the demo instance. */
export interface DemoOutcome {
  instanceId: string;
  status: string;
  result: unknown;
}

/**
 * Starts the demo workflow with `input`, raises `TestEvent` and `event1`..`event3`, and waits for it.
 *
 * @param baseUrl - the server
 * @param input - the workflow input, e.g. `Hello`
 * @param log - where to print
 */
export async function runDemoScenario(
  baseUrl: string,
  input: string,
  log: (line: string) => void,
): Promise<DemoOutcome> {
  const started = await fetch(`${baseUrl}/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (started.status !== 202)
    throw new Error(`Starting the demo answered ${started.status}: ${await started.text()}`);
  const { instanceId } = (await started.json()) as { instanceId: string };
  log(`Started new workflow instance with random ID: ${instanceId}`);
  const raise = async (name: string, payload: unknown) => {
    const res = await fetch(`${baseUrl}/workflows/${encodeURIComponent(instanceId)}/events/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.status !== 202) throw new Error(`Raising ${name} answered ${res.status}: ${await res.text()}`);
    log(`Event raised: ${name}`);
  };
  await raise('TestEvent', 'TestEventPayload');
  for (const name of ['event1', 'event2', 'event3']) await raise(name, `${name} payload`);
  const done = await fetch(`${baseUrl}/demo/${encodeURIComponent(instanceId)}?wait=30s`);
  const body = (await done.json()) as { status: string; result: unknown };
  log(`Result: ${JSON.stringify(body)}`);
  return { instanceId, status: body.status, result: body.result };
}
