import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PermanentError } from '../errors.js';
import { hostLimiter } from './host-limiter.js';
import { assertPublicUrl, guardedLookup, type NetworkPolicy } from './network-policy.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface FetchOptions extends FetchLimits {
  /**
   * Given: the URL and every redirect hop must pass the policy, and the connection uses only the
   * addresses the policy checked. Absent: the URL is trusted (an operator's built-in source).
   */
  policy?: NetworkPolicy;
  /** GET unless told; a POST sends `body` (a JSON API's query), and becomes a GET after a 301/302/303 as browsers do. */
  method?: 'GET' | 'POST';
  body?: string;
}

/**
 * How this product introduces itself to every server it fetches from; robots.txt groups for
 * "vagas-ai-latam" apply to it. (The project has no public home page yet to name as contact.)
 */
export const USER_AGENT = 'vagas-ai-latam/0.1 (remote AI/ML/data job tracker for Latin America; honours robots.txt)';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    /** What the server asked for in Retry-After, in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${url} answered HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function httpUrl(url: string, from?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, from);
  } catch {
    throw new PermanentError(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PermanentError(`${from ? `${from} redirected to ${parsed.href}` : url}: only http and https sources are supported`);
  }
  return parsed;
}

interface Hop {
  url: URL;
  method: 'GET' | 'POST';
  body: string | undefined;
  headers: Record<string, string>;
}

function request(hop: Hop, signal: AbortSignal, policy: NetworkPolicy | undefined): Promise<IncomingMessage> {
  const { url } = hop;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    send(
      url,
      {
        method: hop.method,
        headers: hop.body === undefined ? hop.headers : { ...hop.headers, 'content-length': String(Buffer.byteLength(hop.body)) },
        signal,
        // Guarded requests get a fresh connection each time: a pooled keep-alive socket may have
        // been opened by an unguarded request, to whatever that one's DNS answer was.
        ...(policy ? { lookup: guardedLookup(url.href, policy), agent: false } : {}),
      },
      resolve,
    )
      .on('error', reject)
      .end(hop.body);
  });
}

/**
 * The request a redirect leads to. Leaving the origin drops the caller's headers (Authorization,
 * API keys), as browsers do: a source's credentials are for its own host, never for where it points.
 */
function redirected(previous: Hop, location: URL, status: number, base: Record<string, string>): Hop {
  const sameOrigin = location.origin === previous.url.origin;
  const becomesGet = previous.method === 'POST' && status !== 307 && status !== 308;
  return {
    url: location,
    method: becomesGet ? 'GET' : previous.method,
    body: becomesGet ? undefined : previous.body,
    headers: sameOrigin ? previous.headers : base,
  };
}

/**
 * Fetches a URL (GET, or POST with a body) as text within a time and size limit, following at most MAX_REDIRECTS redirects by
 * hand so that each hop is checked, and never more than one request at a time per host (hostLimiter).
 * 5xx, 429, time-outs and network failures are worth a retry; other 4xx answers (the
 * HttpStatusError is the cause), oversized bodies and blocked addresses are permanent.
 *
 * What the policy cannot see: an HTTP proxy would connect for us (none is used here), and a host
 * name on the allow list is trusted whatever its DNS says.
 */
export async function fetchText(url: string, options: FetchOptions, headers: Record<string, string> = {}): Promise<string> {
  const base = { 'user-agent': USER_AGENT, 'accept-encoding': 'gzip, deflate, br' };
  let current: Hop = { url: httpUrl(url), method: options.method ?? 'GET', body: options.body, headers: { ...base, ...headers } };
  let signal: AbortSignal | undefined;
  for (let hop = 0; ; hop += 1) {
    if (options.policy) await assertPublicUrl(current.url.href, options.policy);
    const release = await hostLimiter.acquire(current.url.host);
    try {
      // The time limit runs from the first request, not while queued behind another fetch of the host.
      signal ??= AbortSignal.timeout(options.timeoutMs);
      const answer = await exchange(url, current, signal, options);
      if (typeof answer === 'string') return answer;
      if (hop === MAX_REDIRECTS) throw new PermanentError(`${url} redirected more than ${MAX_REDIRECTS} times`);
      current = redirected(current, answer.location, answer.status, base);
    } finally {
      release();
    }
  }
}

/** One request: the body of a 2xx answer, or where a redirect points. */
async function exchange(url: string, current: Hop, signal: AbortSignal, options: FetchOptions): Promise<string | { location: URL; status: number }> {
  let response: IncomingMessage;
  try {
    response = await request(current, signal, options.policy);
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    if (signal.aborted) throw new Error(`${url} did not answer within ${options.timeoutMs} ms`, { cause: error });
    throw new Error(`${url} could not be fetched: ${(error as Error).message}`, { cause: error });
  }
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (REDIRECT_STATUSES.has(status) && location) {
    response.resume();
    return { location: httpUrl(location, current.url.href), status };
  }
  if (status < 200 || status > 299) {
    const retryAfter = response.headers['retry-after'];
    const failure = new HttpStatusError(url, status, parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null));
    response.resume();
    if (status >= 500 || status === 429) throw failure;
    throw new PermanentError(failure.message, { cause: failure });
  }
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > options.maxBytes) {
    response.destroy();
    throw new PermanentError(`${url} sent ${declared} bytes, over the ${options.maxBytes}-byte limit`);
  }
  return readLimited(url, response, options, signal);
}

function decoded(url: string, response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return response;
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!decoder) {
    response.destroy();
    throw new PermanentError(`${url} sent content-encoding "${encoding}", which this fetcher does not read`);
  }
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/** Reads the (decompressed) body, so the size limit also stops a compression bomb. */
async function readLimited(url: string, response: IncomingMessage, limits: FetchLimits, signal: AbortSignal): Promise<string> {
  const body = decoded(url, response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) {
        response.destroy();
        body.destroy();
        throw new PermanentError(`${url} sent more than the ${limits.maxBytes}-byte limit`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    if (signal.aborted) throw new Error(`${url} did not finish sending within ${limits.timeoutMs} ms`, { cause: error });
    throw new Error(`${url} stopped sending: ${(error as Error).message}`, { cause: error });
  }
  return decodeBody(url, Buffer.concat(chunks), response.headers['content-type']);
}

/** The character set a body declares: Content-Type's charset, else a byte-order mark, else an XML declaration's encoding; UTF-8 when none. */
function declaredCharset(contentType: string | undefined, bytes: Buffer): string {
  const header = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (header) return header;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(bytes.subarray(0, 256).toString('latin1'))?.[1] ?? 'utf-8';
}

/**
 * The body as text in the character set it declares. Bytes that are not valid in it are refused
 * rather than replaced: a Latin-1 feed read as UTF-8 would store "S\ufffdo Paulo" for good.
 */
function decodeBody(url: string, bytes: Buffer, contentType: string | undefined): string {
  const charset = declaredCharset(contentType, bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new PermanentError(`${url} declares the character set "${charset}", which this fetcher does not know`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new PermanentError(`${url} sent bytes that are not valid ${decoder.encoding} text`);
  }
  // Neither XML nor JSON text may hold a NUL character; one would end up inside stored fields.
  if (text.includes('\u0000')) throw new PermanentError(`${url} sent NUL characters, which no feed or JSON text may contain`);
  return text;
}
