import { PermanentError } from '../errors.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

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

/**
 * GETs a URL as text within a time and size limit. 5xx, 429 and time-outs are worth a retry;
 * other 4xx answers and oversized bodies are permanent.
 */
export async function fetchText(url: string, limits: FetchLimits, headers: Record<string, string> = {}): Promise<string> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PermanentError(`${url}: only http and https sources are supported`);
  }
  let response: Response;
  try {
    response = await fetch(parsed, {
      headers: { 'user-agent': 'vagas-ai-latam/0.1 (+job tracker)', ...headers },
      redirect: 'follow',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new Error(`${url} did not answer within ${limits.timeoutMs} ms`, { cause: error });
    }
    throw new Error(`${url} could not be fetched: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    const failure = new HttpStatusError(url, response.status, parseRetryAfter(response.headers.get('retry-after')));
    await response.body?.cancel();
    if (response.status >= 500 || response.status === 429) throw failure;
    throw new PermanentError(failure.message);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new PermanentError(`${url} sent ${declared} bytes, over the ${limits.maxBytes}-byte limit`);
  }
  return readLimited(url, response, limits);
}

async function readLimited(url: string, response: Response, limits: FetchLimits): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel();
        throw new PermanentError(`${url} sent more than the ${limits.maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    if ((error as Error).name === 'TimeoutError') throw new Error(`${url} did not finish sending within ${limits.timeoutMs} ms`, { cause: error });
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
