/**
 * The seed's ASP.NET order-processing app on Weft's embedded engine: `npm start` (PORT, default 3000;
 * HOST, default 127.0.0.1; WEFT_DB, default .weft/order-processing.db).
 */
import { serveWorkflows } from 'weft-workflows';
import { createOrderRuntime, tryItLines } from './order-processing.app';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number from 0 to 65535; got '${process.env.PORT}'.`);
  }
  const runtime = createOrderRuntime(process.env.WEFT_DB ?? '.weft/order-processing.db');
  const server = await serveWorkflows({ runtime, port, host: process.env.HOST ?? '127.0.0.1' });
  for (const line of tryItLines(server.url)) console.log(line);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
