import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../api/http-server.js';
import { fetchText } from './http-fetch.js';

const LIMITS = { timeoutMs: 5_000, maxBytes: 10_000 };

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  apiKey: string | undefined;
  body: string;
}

// Two servers: two origins (127.0.0.1 and localhost with different ports).
let first: Server;
let second: Server;
let firstUrl = '';
let secondUrl = '';
const seen: Seen[] = [];

function recorder(label: string, route: (req: IncomingMessage) => { status: number; location?: string; body?: string }) {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: `${label}${req.url}`,
        authorization: req.headers.authorization,
        apiKey: req.headers['x-api-key'] as string | undefined,
        body: Buffer.concat(chunks).toString(),
      });
      const answer = route(req);
      res.writeHead(answer.status, answer.location ? { location: answer.location } : {});
      res.end(answer.body ?? '');
    });
  });
}

beforeAll(async () => {
  second = recorder('second', () => ({ status: 200, body: 'second origin' }));
  secondUrl = `http://localhost:${await listen(second, 0, '127.0.0.1')}`;
  first = recorder('first', (req) => {
    if (req.url === '/to-other-origin') return { status: 302, location: `${secondUrl}/landing` };
    if (req.url === '/same-origin') return { status: 301, location: '/landing' };
    if (req.url === '/see-other') return { status: 303, location: '/landing' };
    if (req.url === '/temporary') return { status: 307, location: '/landing' };
    return { status: 200, body: 'first origin' };
  });
  firstUrl = `http://127.0.0.1:${await listen(first, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  await Promise.all([first, second].map((s) => new Promise((resolve) => s?.close(resolve))));
});

const credentials = { authorization: 'Bearer secret-token', 'x-api-key': 'secret-key' };

describe('redirects and credentials', () => {
  it('keeps a source’s credentials on its own origin', async () => {
    seen.length = 0;
    expect(await fetchText(`${firstUrl}/same-origin`, LIMITS, credentials)).toBe('first origin');
    expect(seen.map((s) => [s.path, s.authorization, s.apiKey])).toEqual([
      ['first/same-origin', 'Bearer secret-token', 'secret-key'],
      ['first/landing', 'Bearer secret-token', 'secret-key'],
    ]);
  });

  it('never sends them to the origin a redirect points at', async () => {
    seen.length = 0;
    expect(await fetchText(`${firstUrl}/to-other-origin`, LIMITS, credentials)).toBe('second origin');
    expect(seen.map((s) => [s.path, s.authorization, s.apiKey])).toEqual([
      ['first/to-other-origin', 'Bearer secret-token', 'secret-key'],
      ['second/landing', undefined, undefined],
    ]);
  });
});

describe('POST', () => {
  const query = JSON.stringify({ q: 'engenheiro de dados', remote: true });

  it('sends the body, and keeps method and body through a 307', async () => {
    seen.length = 0;
    await fetchText(`${firstUrl}/temporary`, { ...LIMITS, method: 'POST', body: query }, { 'content-type': 'application/json' });
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', 'first/temporary', query],
      ['POST', 'first/landing', query],
    ]);
  });

  it('follows a 303 with a GET and no body, as browsers do', async () => {
    seen.length = 0;
    await fetchText(`${firstUrl}/see-other`, { ...LIMITS, method: 'POST', body: query }, { 'content-type': 'application/json' });
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ['POST', 'first/see-other', query],
      ['GET', 'first/landing', ''],
    ]);
  });
});
