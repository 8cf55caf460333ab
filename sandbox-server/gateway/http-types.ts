// Transport-free request and response: express and MSW both translate to and from these,
// so the gateway behaves identically behind either.

export interface InboundRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query as received, for the journal. */
  url: string;
  query: Record<string, string>;
  params: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Raw body text; undefined when the request had none. */
  body?: string;
  /** The body exceeded the transport's hard limit and was not read. */
  bodyTooLarge?: boolean;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** Serialized body (bytes for images such as the ABHA card); undefined for an empty body (e.g. 202). */
  body?: string | Uint8Array;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { ...headers } };
}

/** A non-JSON body: an image, a PEM text. */
export function bytesResponse(status: number, contentType: string, data: Uint8Array | string, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: data };
}

/** The body as the journal keeps it: text as sent, bytes as a one-line description (images are not kept). */
export function journalText(response: OutboundResponse): string | undefined {
  if (response.body === undefined || typeof response.body === 'string') return response.body;
  return `(${response.headers['content-type'] ?? 'binary'}, ${response.body.byteLength} bytes; not kept)`;
}
