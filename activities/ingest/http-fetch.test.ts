import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../errors.js';
import { fetchText } from './http-fetch.js';

const LIMITS = { timeoutMs: 300, maxBytes: 2_000 };
// Generous, so that only the hanging route can ever reach it.
const RELAXED = { timeoutMs: 30_000, maxBytes: 2_000 };

let server: Server;
let base = '';
const sockets = new Set<Socket>();
const seenHeaders: Record<string, string | string[] | undefined>[] = [];

function writeChunked(res: ServerResponse, chunks: number, size: number): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  let sent = 0;
  const next = () => {
    if (sent === chunks || res.destroyed) return void res.end();
    sent += 1;
    res.write('y'.repeat(size), () => setImmediate(next));
  };
  next();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seenHeaders.push(req.headers);
    switch (req.url) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        return void res.end('{"jobs":[],"nome":"São Paulo"}');
      case '/500':
        res.writeHead(500);
        return void res.end('boom');
      case '/429':
        res.writeHead(429, { 'retry-after': '1' });
        return void res.end('slow down');
      case '/404':
        res.writeHead(404);
        return void res.end('gone');
      case '/hang':
        return; // never answers
      case '/big-declared':
        res.writeHead(200, { 'content-length': String(LIMITS.maxBytes + 1) });
        return void res.end('x'.repeat(LIMITS.maxBytes + 1));
      case '/big-chunked':
        return writeChunked(res, 10, 500);
      case '/fits-chunked':
        return writeChunked(res, 4, 500);
      default:
        res.writeHead(400);
        res.end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the fetch to fail');
  return outcome;
}

describe('fetchText', () => {
  it('returns the body of a 200 answer as UTF-8 text and sends a user agent', async () => {
    const body = await fetchText(`${base}/ok`, RELAXED, { accept: 'application/json' });

    expect(body).toBe('{"jobs":[],"nome":"São Paulo"}');
    const headers = seenHeaders.at(-1);
    expect(headers?.['user-agent']).toMatch(/^vagas-ai-latam\//);
    expect(headers?.accept).toBe('application/json');
  });

  it.each(['/500', '/429'])('throws a retryable error for %s', async (path) => {
    const error = await failureOf(fetchText(`${base}${path}`, RELAXED));

    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error.message).toContain(`HTTP ${path.slice(1)}`);
  });

  it('throws a permanent error for 404', async () => {
    const error = await failureOf(fetchText(`${base}/404`, RELAXED));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('HTTP 404');
  });

  it('gives up on a server that never answers, as a retryable error', async () => {
    const error = await failureOf(fetchText(`${base}/hang`, LIMITS));

    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error.message).toContain('did not answer within 300 ms');
  });

  it('refuses a body whose content-length is over the limit', async () => {
    const error = await failureOf(fetchText(`${base}/big-declared`, RELAXED));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain(`${LIMITS.maxBytes + 1} bytes`);
  });

  it('stops reading a chunked body without content-length once it passes the limit', async () => {
    const error = await failureOf(fetchText(`${base}/big-chunked`, RELAXED));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain(`more than the ${LIMITS.maxBytes}-byte limit`);
  });

  it('accepts a chunked body that stays within the limit', async () => {
    const body = await fetchText(`${base}/fits-chunked`, RELAXED);

    expect(body).toBe('y'.repeat(2_000));
  });

  it('refuses non-http URLs before fetching anything', async () => {
    await expect(fetchText('file:///etc/passwd', RELAXED)).rejects.toBeInstanceOf(PermanentError);
    await expect(fetchText('ftp://127.0.0.1/feed.xml', RELAXED)).rejects.toThrow(/only http and https/);
  });

  it('reports a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failureOf(fetchText(`http://127.0.0.1:${port}/`, RELAXED));

    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error.message).toContain('could not be fetched');
  });
});
