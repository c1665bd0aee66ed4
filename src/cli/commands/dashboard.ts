import type { Command } from 'commander';
import { ValidationError } from '../../errors';
import { connect } from '../connection';
import { addConnectionOptions, connectionOptions } from '../options';

interface DashboardCommandOptions {
  port: string;
  host: string;
  readOnly?: boolean;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/** `weft dashboard`: serves the web dashboard until interrupted. */
export function registerDashboardCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('dashboard')
      .description('serve the web dashboard (instances, history, actions) until interrupted')
      .option('-p, --port <port>', 'port (0: any free port)', '8080')
      .option('--host <host>', 'interface to bind', '127.0.0.1')
      .option('--read-only', 'hide and refuse every action'),
  ).action(async (options: DashboardCommandOptions) => {
    const port = Number(options.port);
    if (!/^\d+$/.test(options.port) || port > 65535)
      throw new ValidationError(`--port: '${options.port}' is not a port number.`);
    // Loaded here so that the other commands never load Express.
    const { startDashboardServer } = await import('../../dashboard');
    const connection = await connect(connectionOptions(options));
    let server;
    try {
      server = await startDashboardServer(connection.client, {
        port,
        host: options.host,
        readOnly: options.readOnly ?? false,
        source: connection.description,
      });
    } catch (err) {
      await connection.close();
      throw err;
    }
    const running = server;
    process.stdout.write(
      `Weft dashboard on ${running.url} (${connection.description}${options.readOnly ? ', read-only' : ''}). Ctrl+C stops it.\n`,
    );
    const stop = (): void => {
      void running
        .close()
        .then(() => connection.close())
        .finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
