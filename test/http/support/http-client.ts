/** A response read whole: status, headers and the body parsed as JSON (undefined when empty). */
export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * Sends a request and reads the answer.
 *
 * @param url - absolute URL
 * @param init - method, headers, body; a `json` value is sent as an application/json body
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON answers
export async function request<T = any>(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<JsonResponse<T>> {
  const { json, ...rest } = init;
  const options: RequestInit = { ...rest };
  if (json !== undefined) {
    options.body = JSON.stringify(json);
    options.headers = { 'content-type': 'application/json', ...(rest.headers as Record<string, string>) };
  }
  const res = await fetch(url, options);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * Reads `GET url` (with `?wait=200ms`) until `done(body)` holds, at most `attempts` times; no timing
 * assumptions beyond an upper bound.
 *
 * @returns the last body read
 */
export async function pollState<T = Record<string, unknown>>(
  url: string,
  done: (body: T) => boolean,
  attempts = 100,
): Promise<T> {
  let body: T | undefined;
  for (let i = 0; i < attempts; i++) {
    body = (await request<T>(`${url}${url.includes('?') ? '&' : '?'}wait=200ms`)).body;
    if (done(body)) return body;
  }
  throw new Error(`Gave up waiting on ${url}; last answer ${JSON.stringify(body)}`);
}
