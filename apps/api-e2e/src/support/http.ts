/** A JSON request; resolves with status, headers and the parsed body (or text when it is not JSON). */
export async function call(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** POSTs a JSON body. */
export function postJson(url: string, body: unknown) {
  return call(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}
