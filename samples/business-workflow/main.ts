/**
 * The seed's Go workflow sample over Weft's HTTP routes on the embedded engine:
 * `npm run sample:business-workflow`. It prints what the Go program prints and exits.
 */
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import { container } from 'tsyringe';
import { BusinessCounters, FailActivity, TestActivity, TestWorkflow } from './business.workflows';
import { runBusinessScenario } from './business.scenario';

async function main(): Promise<void> {
  const counters = container.resolve(BusinessCounters);
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/business-workflow.db' }),
    workflows: [TestWorkflow],
    activities: [TestActivity, FailActivity],
  });
  const server = await serveWorkflows({ runtime, port: 0, host: '127.0.0.1' });
  console.log(`runner started on ${server.url}`);
  try {
    const old = await runtime.client.getWorkflowState('a7a4168d-3a1c-41da-8a4f-e7f6d9c718d9');
    if (old && ['RUNNING', 'PENDING', 'SUSPENDED'].includes(old.status)) {
      await runtime.client.terminateWorkflow(old.instanceId);
      await runtime.client.waitForWorkflowCompletion(old.instanceId, { timeoutMs: 10_000 });
    }
    if (old) await runtime.client.purgeWorkflow(old.instanceId);
    await runBusinessScenario(server.url, () => counters, console.log);
  } finally {
    await server.close();
  }
  console.log('workflow worker successfully shutdown');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
