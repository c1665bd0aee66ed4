import { ValidationError } from '../../../errors';

/** Where the sidecar listens, and the token it wants. */
export interface SidecarAddress {
  /** Host name or address. */
  host: string;
  /** gRPC port. */
  port: number;
  /** Sent as `dapr-api-token` metadata on every call when set. */
  apiToken?: string;
  /** Use TLS (an `https://` endpoint). */
  secure: boolean;
}

/** The parts of an address a user may give; the rest comes from the environment. */
export interface SidecarAddressOptions {
  host?: string;
  port?: number;
  apiToken?: string;
}

/**
 * Resolves the sidecar address: explicit options first, then `DAPR_GRPC_ENDPOINT` (`host:port`,
 * `http://host:port` or `https://host:port`), then `DAPR_GRPC_PORT`, then 127.0.0.1:50001.
 * The token comes from `apiToken` or `DAPR_API_TOKEN`.
 *
 * @param options - explicit host, port and token
 * @param env - the environment (default `process.env`)
 * @returns the address
 * @throws {@link ValidationError} for an endpoint or port that cannot be parsed
 */
export function resolveSidecarAddress(
  options: SidecarAddressOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): SidecarAddress {
  let host = '127.0.0.1';
  let port = 50001;
  let secure = false;
  const endpoint = env.DAPR_GRPC_ENDPOINT?.trim();
  if (endpoint) {
    const withScheme = /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      throw new ValidationError(
        `DAPR_GRPC_ENDPOINT '${endpoint}' is not an endpoint; use host:port or http(s)://host:port.`,
      );
    }
    secure = url.protocol === 'https:';
    host = url.hostname.replace(/^\[|\]$/g, '');
    port = url.port ? Number(url.port) : secure ? 443 : 50001;
  } else if (env.DAPR_GRPC_PORT) {
    port = parsePort(env.DAPR_GRPC_PORT, 'DAPR_GRPC_PORT');
  }
  if (options.host !== undefined) host = options.host;
  if (options.port !== undefined) port = parsePort(String(options.port), 'port');
  const apiToken = options.apiToken ?? (env.DAPR_API_TOKEN || undefined);
  return { host, port, apiToken, secure };
}

function parsePort(text: string, what: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ValidationError(`${what} '${text}' is not a port number (1-65535).`);
  }
  return port;
}
