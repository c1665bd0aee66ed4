/** Starts the runtime on the embedded engine and serves the HTTP API on 127.0.0.1:3000 (PORT to change). */
import 'reflect-metadata';
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import { SendGreetingActivity } from './activities/send-greeting.activity';
import { GreetingWorkflow } from './workflows/greeting.workflow';
import { createApp } from './app';

async function main(): Promise<void> {
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/weft.db' }),
    workflows: [GreetingWorkflow],
    activities: [SendGreetingActivity],
  });
  const app = createApp(runtime);
  await runtime.start();
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, '127.0.0.1', () => {
    console.log(`Listening on http://127.0.0.1:${port}/ (dashboard: /dashboard/). Try:`);
    console.log(
      `  curl -X POST http://127.0.0.1:${port}/workflows/greeting -H 'content-type: application/json' -d '{"names":["Ada"]}'`,
    );
  });
  const stop = (): void => {
    server.close();
    void runtime.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
