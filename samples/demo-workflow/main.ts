/**
 * The seed's Java demo workflow over Weft's HTTP routes on the embedded engine:
 * `npm run sample:demo-workflow`. It runs the client's steps once, prints the result and exits.
 */
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import { DemoWorkflow, DemoWorkflowActivity } from './demo.workflows';
import { runDemoScenario } from './demo.scenario';

async function main(): Promise<void> {
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/demo-workflow.db' }),
    workflows: [DemoWorkflow],
    activities: [DemoWorkflowActivity],
  });
  const server = await serveWorkflows({ runtime, port: 0, host: '127.0.0.1' });
  try {
    await runDemoScenario(server.url, 'Hello', console.log);
  } finally {
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
