/**
 * The worker: runs the workflows and activities on the embedded engine (a SQLite file in .weft/), starts
 * one greeting, and keeps working until Ctrl+C. Inspect it from another terminal with `npx weft list`.
 */
import 'reflect-metadata';
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import { SendGreetingActivity } from './activities/send-greeting.activity';
import { GreetingWorkflow } from './workflows/greeting.workflow';

async function main(): Promise<void> {
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/weft.db' }),
    workflows: [GreetingWorkflow],
    activities: [SendGreetingActivity],
  });
  await runtime.start();
  const id = await runtime.client.scheduleNewWorkflow(GreetingWorkflow, { names: ['Ada', 'Grace'] });
  console.log(`Started greeting ${id}. It rests a day before it completes; Ctrl+C stops the worker.`);

  const stop = (): void => {
    void runtime.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
