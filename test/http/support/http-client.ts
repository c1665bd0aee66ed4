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
