import { createServer, type RequestListener, type Server } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Warehouse } from '../warehouse/db.js';
import { createContext } from './context.js';
import { demoSourceFiles } from './demo-sources.js';
import type { Health } from './health.js';
import { appRouter } from './router.js';

export interface HttpDeps {
  health: () => Promise<Health>;
  demoSourcesDir: string | null;
  /** Null in a process that does not own the warehouse: no API there. */
  warehouse: Warehouse | null;
  /** Where users reach the app, for links in e-mails; https there means Secure cookies. */
  publicUrl: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** The app's one HTTP server: /trpc (API), /healthz, the bundled demo feeds; the web build and /reports join it. */
export function createHttpServer(deps: HttpDeps): Server {
  const demo = deps.demoSourcesDir ? demoSourceFiles(deps.demoSourcesDir) : null;
  const warehouse = deps.warehouse;
  const api: RequestListener | null = warehouse
    ? createHTTPHandler({
        router: appRouter,
        basePath: '/trpc/',
        maxBodySize: MAX_BODY_BYTES,
        createContext: ({ req, res }) =>
          createContext({ warehouse, publicUrl: deps.publicUrl, secureCookies: deps.publicUrl.startsWith('https:') }, req, res),
      })
    : null;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (api && url.pathname.startsWith('/trpc/')) return api(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (url.pathname === '/healthz') {
      deps.health().then(
        (health) => send(health.status === 'ok' ? 200 : 503, health),
        (error: Error) => send(500, { status: 'error', error: error.message }),
      );
      return;
    }
    if (demo && url.pathname.startsWith('/demo-sources/') && demo(url.pathname.slice('/demo-sources/'.length), res)) return;
    send(404, { error: 'not found' });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
