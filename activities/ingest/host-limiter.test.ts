import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { HostLimiter } from './host-limiter.js';
import { fetchText } from './http-fetch.js';

describe('HostLimiter', () => {
  it('lets one request per host through at a time, in arrival order, and other hosts meanwhile', async () => {
    const limiter = new HostLimiter();
    const order: string[] = [];
    const first = await limiter.acquire('a.example:443');
    const second = limiter.acquire('a.example:443').then((release) => (order.push('a2'), release));
    const third = limiter.acquire('a.example:443').then((release) => (order.push('a3'), release));
    const other = await limiter.acquire('b.example:443');

    expect(limiter.load('a.example:443')).toEqual({ active: 1, waiting: 2 });
    first();
    first(); // a second release of the same slot changes nothing
    const releaseSecond = await second;
    expect(order).toEqual(['a2']);
    expect(limiter.load('a.example:443')).toEqual({ active: 1, waiting: 1 });
    releaseSecond();
    (await third)();
    other();
    expect(order).toEqual(['a2', 'a3']);
    expect(limiter.load('a.example:443')).toEqual({ active: 0, waiting: 0 });
  });

  it('allows more per host when asked to', async () => {
    const limiter = new HostLimiter(2);
    await limiter.acquire('h:80');
    await limiter.acquire('h:80');
    expect(limiter.load('h:80')).toEqual({ active: 2, waiting: 0 });
    expect(() => new HostLimiter(0)).toThrow('positive integer');
  });
});

describe('fetchText and the per-host limit', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const both = { inFlight: 0, peak: 0 };

  /** A slow 127.0.0.1 server that records the most requests it (and all of them together) ever had in flight at once. */
  async function slowServer(): Promise<{ base: string; peak: () => number }> {
    let inFlight = 0;
    let peak = 0;
    const server = createServer((_req, res) => {
      inFlight += 1;
      both.inFlight += 1;
      peak = Math.max(peak, inFlight);
      both.peak = Math.max(both.peak, both.inFlight);
      setTimeout(() => {
        inFlight -= 1;
        both.inFlight -= 1;
        res.end('ok');
      }, 50);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak: () => peak };
  }

  it('never has two requests in flight to one host, while two hosts are fetched in parallel', async () => {
    const [one, two] = [await slowServer(), await slowServer()];
    const limits = { timeoutMs: 5_000, maxBytes: 100 };

    const bodies = await Promise.all([1, 2, 3, 4].flatMap((n) => [fetchText(`${one.base}/${n}`, limits), fetchText(`${two.base}/${n}`, limits)]));

    expect(bodies).toEqual(Array(8).fill('ok'));
    expect(one.peak()).toBe(1);
    expect(two.peak()).toBe(1);
    expect(both.peak).toBe(2);
  });
});
