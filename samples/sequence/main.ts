/**
 * The seed's JavaScript `sequence` sample on the embedded engine, over HTTP: `npm run sample:sequence`.
 * It runs the original generator function and the class port once each through the HTTP routes, prints
 * the results and exits; with `--serve` it keeps serving (PORT, default 3001).
 */
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import { HelloActivity, SequenceWorkflow, hello, sequence } from './sequence.workflows';
import { runSequence } from './sequence.scenario';

async function main(): Promise<void> {
  const serve = process.argv.includes('--serve');
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/sequence.db' }),
    workflows: [SequenceWorkflow],
    activities: [HelloActivity],
  });
  runtime.registerWorkflow(sequence).registerActivity(hello);
  const server = await serveWorkflows({
    runtime,
    port: serve ? Number(process.env.PORT ?? 3001) : 0,
    host: process.env.HOST ?? '127.0.0.1',
  });
  console.log(`Workflow runtime started; serving on ${server.url}`);
  try {
    await runSequence(server.url, 'sequence', console.log);
    await runSequence(server.url, 'SequenceWorkflow', console.log);
  } catch (err) {
    await server.close();
    throw err;
  }
  if (serve) {
    console.log(`Try: curl -s -X POST ${server.url}/sequences   (then GET the Location it answers)`);
    return;
  }
  await server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
