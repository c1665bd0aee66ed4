require('reflect-metadata');
const w = require('../dist/src/index.js');
const port = Number(process.argv[2]);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const seen = [];
let calls = 0;
(async () => {
  const runtime = new w.WorkflowRuntime({ backend: new w.DaprSidecarBackend({ port, logger: silent }), workflows: [], activities: [], logger: silent });
  runtime.registerActivity(async (ctx) => { calls++; seen.push({ attempt: ctx.attempt, calls }); if (calls < 3) throw new Error('fail ' + calls); return 'ok after ' + calls; }, 'flaky');
  runtime.registerWorkflow(async (ctx) => ctx.callActivity('flaky', undefined, { retryPolicy: { maxNumberOfAttempts: 4, firstRetryInterval: 50 } }), 'retrying');
  await runtime.start();
  const id = await runtime.client.scheduleNewWorkflow('retrying');
  const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30000 });
  console.log(JSON.stringify({ status: done.status, output: done.output, failure: done.failureDetails, seen }));
  const h = await runtime.client.getWorkflowHistory(id);
  console.log(JSON.stringify(h.map((e) => [e.eventId, e.type, e.name ?? e.taskScheduledId ?? e.timerId ?? '', e.attempt, e.taskExecutionId, e.origin])));
  await runtime.stop();
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
