import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../errors.js';
import { USER_AGENT } from './http-fetch.js';
import { BlockedAddressError, PUBLIC_ONLY, type NetworkPolicy } from './network-policy.js';
import { assertAllowedByRobots, DisallowedByRobotsError, RobotsCache } from './robots.js';

const ROBOTS = ['User-agent: *', 'Disallow: /private', '', 'User-agent: vagas-ai-latam', 'Disallow: /jobs/secret', 'Allow: /jobs', 'Crawl-delay: 2'].join('\n');
const LOCAL: NetworkPolicy = { allowPrivate: false, allowList: ['127.0.0.1'] };

interface Site {
  base: string;
  robotsHits: () => number;
}

const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A 127.0.0.1 site whose /robots.txt answers with `answer()` (called per request). */
async function site(answer: () => { status: number; body?: string }): Promise<Site> {
  let hits = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/robots.txt') return void res.writeHead(200).end('page');
    hits += 1;
    const { status, body } = answer();
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body ?? '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, robotsHits: () => hits };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a failure');
  return outcome;
}

describe('assertAllowedByRobots', () => {
  it('applies our own group (by product token) with its Crawl-delay, and refuses what it disallows', async () => {
    const s = await site(() => ({ status: 200, body: ROBOTS }));
    const cache = new RobotsCache();

    await expect(assertAllowedByRobots(`${s.base}/jobs/42`, USER_AGENT, LOCAL, cache)).resolves.toEqual({ crawlDelayMs: 2000 });
    // Our group replaces "*": /private is closed to every other robot, not to us.
    await expect(assertAllowedByRobots(`${s.base}/private/list`, USER_AGENT, LOCAL, cache)).resolves.toEqual({ crawlDelayMs: 2000 });
    const refused = await failureOf(assertAllowedByRobots(`${s.base}/jobs/secret/1`, USER_AGENT, LOCAL, cache));

    expect(refused).toBeInstanceOf(DisallowedByRobotsError);
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused.message).toBe(`${s.base}/robots.txt (line 5) does not allow vagas-ai-latam to fetch ${s.base}/jobs/secret/1`);
    await expect(assertAllowedByRobots(`${s.base}/private/list`, 'otherbot/2.0', LOCAL, cache)).rejects.toBeInstanceOf(DisallowedByRobotsError);
    expect(s.robotsHits()).toBe(1);
  });

  it('reads robots.txt once per site for concurrent callers, and again once the cached copy is an hour old', async () => {
    const s = await site(() => ({ status: 200, body: ROBOTS }));
    let now = 1_000_000;
    const cache = new RobotsCache(() => now);

    await Promise.all([1, 2, 3].map((n) => assertAllowedByRobots(`${s.base}/jobs/${n}`, USER_AGENT, LOCAL, cache)));
    expect(s.robotsHits()).toBe(1);
    now += 59 * 60 * 1000;
    await assertAllowedByRobots(`${s.base}/jobs/4`, USER_AGENT, LOCAL, cache);
    expect(s.robotsHits()).toBe(1);
    now += 2 * 60 * 1000;
    await assertAllowedByRobots(`${s.base}/jobs/5`, USER_AGENT, LOCAL, cache);
    expect(s.robotsHits()).toBe(2);
  });

  it.each([404, 403, 410])('treats a %i robots.txt as no rules at all', async (status) => {
    const s = await site(() => ({ status }));

    await expect(assertAllowedByRobots(`${s.base}/anything`, USER_AGENT, LOCAL, new RobotsCache())).resolves.toEqual({ crawlDelayMs: 0 });
  });

  it('holds off while robots.txt answers 5xx (retryable, not remembered), and crawls once it answers', async () => {
    let status = 503;
    const s = await site(() => ({ status, body: status === 200 ? ROBOTS : 'down' }));
    const cache = new RobotsCache();

    const error = await failureOf(assertAllowedByRobots(`${s.base}/jobs/1`, USER_AGENT, LOCAL, cache));
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error.message).toContain('is unreachable');
    status = 200;
    await expect(assertAllowedByRobots(`${s.base}/jobs/1`, USER_AGENT, LOCAL, cache)).resolves.toEqual({ crawlDelayMs: 2000 });
    expect(s.robotsHits()).toBe(2);
  });

  it('refuses an oversized robots.txt rather than reading half of it', async () => {
    const s = await site(() => ({ status: 200, body: `# ${'x'.repeat(600 * 1024)}\nUser-agent: *\nDisallow: /` }));

    const error = await failureOf(assertAllowedByRobots(`${s.base}/jobs/1`, USER_AGENT, LOCAL, new RobotsCache()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('byte limit');
  });

  it('fetches robots.txt under the network policy too', async () => {
    const s = await site(() => ({ status: 200, body: ROBOTS }));

    const error = await failureOf(assertAllowedByRobots(`${s.base}/jobs/1`, USER_AGENT, PUBLIC_ONLY, new RobotsCache()));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.cause).toBeInstanceOf(BlockedAddressError);
    expect(s.robotsHits()).toBe(0);
  });
});
