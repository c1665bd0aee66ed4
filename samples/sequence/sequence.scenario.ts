/** What the seed's `sequence` program does, over Weft's HTTP surface: start, wait, print the result. */

/** Where the scenario prints. */
export type Log = (line: string) => void;

interface StateBody {
  status?: string;
  output?: unknown;
}

/**
 * Starts `workflowName` with `POST /workflows/:name`, waits for it with `GET /workflows/:id?wait=30s`
 * and returns its output.
 *
 * @param baseUrl - the server, e.g. `http://127.0.0.1:3000`
 * @param workflowName - `sequence` (the generator function) or `SequenceWorkflow` (the class)
 * @param log - where to print
 * @returns the workflow's output
 */
export async function runSequence(baseUrl: string, workflowName: string, log: Log): Promise<unknown> {
  const started = await fetch(`${baseUrl}/workflows/${encodeURIComponent(workflowName)}`, { method: 'POST' });
  if (started.status !== 202)
    throw new Error(`Starting ${workflowName} answered ${started.status}: ${await started.text()}`);
  const { instanceId } = (await started.json()) as { instanceId: string };
  log(`Orchestration scheduled with ID: ${instanceId}`);
  const location = started.headers.get('location') ?? `/workflows/${encodeURIComponent(instanceId)}`;
  const done = await fetch(`${baseUrl}${location}?wait=30s`);
  const state = (await done.json()) as StateBody;
  if (state.status !== 'COMPLETED') throw new Error(`${workflowName} ended ${state.status}`);
  log(`Orchestration completed! Result: ${JSON.stringify(state.output)}`);
  return state.output;
}
