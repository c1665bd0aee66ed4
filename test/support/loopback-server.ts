import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server listening on 127.0.0.1 at a port the OS chose. */
export interface LoopbackServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops listening and drops open connections (a browser's keep-alive ones too); resolves once closed. */
  close(): Promise<void>;
}

/**
 * Serves `app` (an Express app or any request listener) on 127.0.0.1 with an OS-chosen port.
 *
 * @param app - the request handler
 */
export async function listenOnLoopback(app: RequestListener): Promise<LoopbackServer> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
