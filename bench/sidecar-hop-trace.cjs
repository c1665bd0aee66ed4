// Timestamps the sidecar hop, for finding where a workflow's time goes inside `weft sidecar`.
// Preload it into the sidecar process (needs `npm run build` first):
//   node -r ./bench/sidecar-hop-trace.cjs bin/weft.js sidecar --port 4101 --db /tmp/x.db 2>trace.log
// Each line on stderr: `<ms since the epoch> <what> <instance id | batch size, commit duration>` (absolute, so
// the lines can be merged with a worker's or client's own timestamps, `performance.timeOrigin + performance.now()`):
//   createInstance/waitForInstance in/out  a client's StartInstance / WaitForInstance* reached the engine, and
//                                          the engine answered
//   processWorkflow/processActivity start  the engine's worker hands an item to the dispatcher (written on
//                                          the GetWorkItems stream)
//   completeWorkflow/completeActivity      the remote worker's Complete call (or CompleteTasks message) arrived;
//                                          `+nextStep` when an activity's came with the step run on its outcome
//   processWorkflow/processActivity done   the dispatcher resolved the engine's promise
//   flush <ops> <ms>                       one group commit (BEGIN IMMEDIATE … COMMIT, fsync included)
// Start → complete is the remote worker's round trip; done → the next flush's end is the commit.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for node -r */
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist', 'src', 'backends');
const { WorkDispatcher } = require(path.join(dist, 'dapr', 'server', 'work-dispatcher.js'));
const { CommitQueue } = require(path.join(dist, 'sqlite', 'commit-queue.js'));
const origin = performance.timeOrigin;
const log = (...parts) =>
  process.stderr.write(`${(origin + performance.now()).toFixed(2)} ${parts.join(' ')}\n`);
for (const name of ['processWorkflow', 'processActivity']) {
  const original = WorkDispatcher.prototype[name];
  WorkDispatcher.prototype[name] = async function (item) {
    log(name, 'start', item.instanceId);
    const result = await original.call(this, item);
    log(name, 'done', item.instanceId);
    return result;
  };
}
for (const name of ['completeWorkflow', 'completeActivity']) {
  const original = WorkDispatcher.prototype[name];
  // Every argument passed on: an activity's completion carries the next step the worker ran with it.
  WorkDispatcher.prototype[name] = function (response, ...rest) {
    log(name, response.instanceId || '', name === 'completeActivity' && rest[0] ? '+nextStep' : '');
    return original.call(this, response, ...rest);
  };
}
const { SqliteBackend } = require(path.join(dist, 'sqlite', 'sqlite-backend.js'));
for (const name of ['createInstance', 'waitForInstance']) {
  const original = SqliteBackend.prototype[name];
  SqliteBackend.prototype[name] = async function (first, ...rest) {
    const id = typeof first === 'string' ? first : first.instanceId;
    log(name, 'in', id);
    const result = await original.call(this, first, ...rest);
    log(name, 'out', id);
    return result;
  };
}
const flush = CommitQueue.prototype.flush;
CommitQueue.prototype.flush = function () {
  const ops = this.pending.length;
  const started = performance.now();
  flush.call(this);
  if (ops > 0) log('flush', ops, `${(performance.now() - started).toFixed(1)}ms`);
};
