import { get, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../errors.js';
import { fetchText, MAX_REDIRECTS } from './http-fetch.js';
import { assertPublicUrl, BlockedAddressError, guardedLookup, parseAllowList, PUBLIC_ONLY, type NetworkPolicy } from './network-policy.js';

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a failure');
  return outcome;
}

describe('assertPublicUrl', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://127.8.9.10:8233/', '127.8.9.10', 'loopback'],
    ['http://10.1.2.3/', '10.1.2.3', 'private'],
    ['http://172.16.0.1/', '172.16.0.1', 'private'],
    ['http://172.31.255.254/', '172.31.255.254', 'private'],
    ['http://192.168.1.1/', '192.168.1.1', 'private'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'cloud metadata'],
    ['http://169.254.10.20/', '169.254.10.20', 'link-local'],
    ['http://100.64.0.1/', '100.64.0.1', 'carrier-grade NAT'],
    ['http://100.127.255.254/', '100.127.255.254', 'carrier-grade NAT'],
    ['http://0.0.0.0/', '0.0.0.0', 'unspecified'],
    ['http://0/', '0.0.0.0', 'unspecified'],
    ['http://0.1.2.3/', '0.1.2.3', 'special-purpose'],
    ['http://224.0.0.1/', '224.0.0.1', 'multicast'],
    ['http://255.255.255.255/', '255.255.255.255', 'broadcast'],
    ['http://240.0.0.1/', '240.0.0.1', 'reserved'],
    // Every IPv4 spelling the URL parser accepts ends up as the address it means.
    ['http://2130706433/', '127.0.0.1', 'loopback'],
    ['http://0177.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://017700000001/', '127.0.0.1', 'loopback'],
    ['http://0x7f.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://0x7f000001/', '127.0.0.1', 'loopback'],
    ['http://127.1/', '127.0.0.1', 'loopback'],
    ['http://10.1/', '10.0.0.1', 'private'],
    ['http://0xa9fea9fe/', '169.254.169.254', 'cloud metadata'],
    ['http://[::1]/', '::1', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1', 'loopback'],
    ['http://[::]/', '::', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', 'loopback'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1', 'private'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', 'cloud metadata'],
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1', 'loopback'],
    ['http://[fe80::1]/', 'fe80::1', 'link-local'],
    ['http://[fc00::1]/', 'fc00::1', 'private'],
    ['http://[fd12:3456:789a::1]/', 'fd12:3456:789a::1', 'private'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254', 'cloud metadata'],
    ['http://[ff02::1]/', 'ff02::1', 'multicast'],
    ['http://[fec0::1]/', 'fec0::1', 'special-purpose'],
  ])('refuses %s (%s, %s)', async (url, address, addressClass) => {
    const error = await failureOf(assertPublicUrl(url, PUBLIC_ONLY));

    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ address, addressClass });
    expect(error.message).toContain(`a ${addressClass} address`);
  });

  it('refuses a host name when any address it resolves to is not public', async () => {
    const error = await failureOf(assertPublicUrl('http://localhost:8080/feed', PUBLIC_ONLY));

    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toMatchObject({ host: 'localhost', addressClass: 'loopback' });
    expect(error.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
  });

  it.each(['http://8.8.8.8/', 'https://1.1.1.1:8443/x', 'http://[2606:4700:4700::1111]/', 'http://[::ffff:8.8.8.8]/'])('lets the public address %s through', async (url) => {
    await expect(assertPublicUrl(url, PUBLIC_ONLY)).resolves.toBeUndefined();
  });

  it.each(['file:///etc/passwd', 'ftp://8.8.8.8/feed.xml', 'gopher://8.8.8.8/', 'not a url'])('refuses %s as permanent', async (url) => {
    const error = await failureOf(assertPublicUrl(url, PUBLIC_ONLY));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error).not.toBeInstanceOf(BlockedAddressError);
  });

  it('lets the allow list through: an IP, a CIDR, a host name, each optionally bound to a port', async () => {
    const policy = (allowList: string[]): NetworkPolicy => ({ allowPrivate: false, allowList });

    await expect(assertPublicUrl('http://127.0.0.1:9000/', policy(['127.0.0.1']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://10.20.30.40/', policy(['10.0.0.0/8']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://[::ffff:10.20.30.40]/', policy(['10.0.0.0/8']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://localhost:9000/', policy(['localhost']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://127.0.0.1:9000/', policy(['127.0.0.1:9000']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://[::1]:9000/', policy(['[::1]:9000']))).resolves.toBeUndefined();

    await expect(assertPublicUrl('http://192.168.0.1/', policy(['10.0.0.0/8']))).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(assertPublicUrl('http://127.0.0.1:9001/', policy(['127.0.0.1:9000']))).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(assertPublicUrl('http://localhost:9001/', policy(['localhost:9000']))).rejects.toBeInstanceOf(BlockedAddressError);
    // Naming an address does not vouch for a host name that happens to resolve to it as well as elsewhere.
    await expect(assertPublicUrl('http://localhost/', policy(['127.0.0.1', '::1']))).resolves.toBeUndefined();
    await expect(assertPublicUrl('http://localhost/', policy(['10.0.0.0/8']))).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it('checks nothing but the scheme when the policy allows private addresses', async () => {
    await expect(assertPublicUrl('http://169.254.169.254/', { allowPrivate: true, allowList: [] })).resolves.toBeUndefined();
    await expect(assertPublicUrl('file:///etc/passwd', { allowPrivate: true, allowList: [] })).rejects.toBeInstanceOf(PermanentError);
  });
});

describe('parseAllowList', () => {
  it('reads comma-separated entries and ignores blanks', () => {
    expect(parseAllowList(' 10.0.0.0/8, feeds.intranet ,,127.0.0.1:8080,::1')).toEqual(['10.0.0.0/8', 'feeds.intranet', '127.0.0.1:8080', '::1']);
    expect(parseAllowList(undefined)).toEqual([]);
  });

  it.each(['10.0.0.0/99', 'bad host name', 'fd00::/200'])('refuses "%s" with a clear message', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(`SOURCE_ALLOWLIST entry "${entry}"`);
  });
});

/** A 127.0.0.1 server that counts its connections and requests and answers by path. */
interface TestServer {
  server: Server;
  base: string;
  port: number;
  connections: number;
  requests: string[];
}

async function testServer(route: (path: string) => { status: number; location?: string; body?: string }): Promise<TestServer> {
  const state: TestServer = { server: createServer(), base: '', port: 0, connections: 0, requests: [] };
  state.server.on('request', (req, res) => {
    state.requests.push(req.url ?? '');
    const { status, location, body } = route(req.url ?? '/');
    res.writeHead(status, location ? { location } : {});
    res.end(body ?? '');
  });
  state.server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.port = (state.server.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${state.port}`;
  return state;
}

describe('fetchText with a network policy', () => {
  let allowed: TestServer;
  let internal: TestServer;
  let policy: NetworkPolicy;
  const LIMITS = { timeoutMs: 5_000, maxBytes: 10_000 };

  beforeAll(async () => {
    internal = await testServer(() => ({ status: 200, body: 'internal secret' }));
    allowed = await testServer((path) => {
      if (path === '/ok') return { status: 200, body: 'public feed' };
      if (path === '/hop') return { status: 302, location: '/ok' };
      if (path === '/to-internal') return { status: 302, location: `${internal.base}/secret` };
      if (path === '/to-internal-by-name') return { status: 301, location: `http://localhost:${internal.port}/secret` };
      if (path === '/to-metadata') return { status: 307, location: 'http://169.254.169.254/latest/meta-data/' };
      if (path === '/to-decimal') return { status: 308, location: `http://2130706433:${internal.port}/secret` };
      if (path === '/to-file') return { status: 302, location: 'file:///etc/passwd' };
      const loop = /^\/loop\/(\d+)$/.exec(path);
      if (loop) return { status: 302, location: `/loop/${Number(loop[1]) + 1}` };
      return { status: 404 };
    });
    // Only the allowed server's own port: the other 127.0.0.1 server stays off limits.
    policy = { allowPrivate: false, allowList: [`127.0.0.1:${allowed.port}`] };
  });

  afterAll(async () => {
    for (const s of [allowed, internal]) await new Promise<void>((resolve) => s?.server.close(() => resolve()));
  });

  it('fetches from an allow-listed 127.0.0.1 server, following a redirect that stays allowed', async () => {
    expect(await fetchText(`${allowed.base}/ok`, { ...LIMITS, policy })).toBe('public feed');
    expect(await fetchText(`${allowed.base}/hop`, { ...LIMITS, policy })).toBe('public feed');
  });

  it('refuses the same server without the allow list, before connecting', async () => {
    const before = allowed.connections;
    const error = await failureOf(fetchText(`${allowed.base}/ok`, { ...LIMITS, policy: PUBLIC_ONLY }));

    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(allowed.connections).toBe(before);
  });

  it.each([
    ['/to-internal', 'loopback'],
    ['/to-internal-by-name', 'loopback'],
    ['/to-decimal', 'loopback'],
    ['/to-metadata', 'cloud metadata'],
  ])('refuses a redirect (%s) to a blocked address without ever connecting to it', async (path, addressClass) => {
    const error = await failureOf(fetchText(`${allowed.base}${path}`, { ...LIMITS, policy }));

    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(error).toMatchObject({ addressClass });
    expect(internal.connections).toBe(0);
  });

  it('refuses a redirect to another scheme', async () => {
    const error = await failureOf(fetchText(`${allowed.base}/to-file`, { ...LIMITS, policy }));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('only http and https');
  });

  it(`gives up after ${MAX_REDIRECTS} redirects`, async () => {
    const error = await failureOf(fetchText(`${allowed.base}/loop/0`, { ...LIMITS, policy }));

    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain(`redirected more than ${MAX_REDIRECTS} times`);
    expect(allowed.requests.filter((p) => p.startsWith('/loop/'))).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('also follows redirects without a policy (a trusted source), within the same hop limit', async () => {
    expect(await fetchText(`${allowed.base}/hop`, LIMITS)).toBe('public feed');
    expect(await fetchText(`${allowed.base}/to-internal`, LIMITS)).toBe('internal secret');
  });
});

describe('guardedLookup', () => {
  it('is the connection-time check: a socket opened through it never reaches a blocked address', async () => {
    const internal = await testServer(() => ({ status: 200, body: 'internal secret' }));
    const url = `http://localhost:${internal.port}/`;
    try {
      const error = await new Promise<Error>((resolve, reject) => {
        get(url, { lookup: guardedLookup(url, PUBLIC_ONLY), agent: false }, () => reject(new Error('connected'))).on('error', resolve);
      });

      expect(error).toBeInstanceOf(BlockedAddressError);
      expect(internal.connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => internal.server.close(() => resolve()));
    }
  });

  it('hands the socket the checked addresses when they are allowed', async () => {
    const server = await testServer(() => ({ status: 200, body: 'hello' }));
    const url = `http://localhost:${server.port}/`;
    try {
      const body = await new Promise<string>((resolve, reject) => {
        get(url, { lookup: guardedLookup(url, { allowPrivate: false, allowList: ['127.0.0.1', '::1'] }), agent: false }, (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
        }).on('error', reject);
      });

      expect(body).toBe('hello');
    } finally {
      await new Promise<void>((resolve) => server.server.close(() => resolve()));
    }
  });
});
