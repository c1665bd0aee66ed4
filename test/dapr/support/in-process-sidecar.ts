import { join } from 'node:path';
import { SqliteBackend } from 'weft-workflows';
import { startSidecarServer } from '../../../src/backends/dapr';
import type { SidecarServer, SidecarServerOptions } from '../../../src/backends/dapr';
import { tempDir } from './sidecar-process';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A `weft sidecar` server in this process for the enclosing `describe` (started in `beforeAll` on a free
 * port of 127.0.0.1's loopback with a fresh SQLite file, stopped and its files removed in `afterAll`).
 *
 * @param prefix - the temporary folder's name prefix
 * @param options - server options over the defaults (e.g. `apiToken`)
 * @returns the port, once started
 */
export function useSidecarServer(
  prefix: string,
  options: Partial<SidecarServerOptions> = {},
): { readonly port: number } {
  const tmp = tempDir(prefix);
  let server: SidecarServer | undefined;
  beforeAll(async () => {
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(tmp.dir, 'sidecar.db'), logger: silent }),
      port: 0,
      logger: silent,
      ...options,
    });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });
  return {
    get port(): number {
      if (!server) throw new Error('The sidecar server has not started (use the port inside a test).');
      return server.port;
    },
  };
}
