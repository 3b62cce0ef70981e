import { createServer, type Server } from 'node:http';
import type { Health } from './health.js';
import { demoSourceFiles } from './demo-sources.js';

export interface HttpDeps {
  health: () => Promise<Health>;
  demoSourcesDir: string | null;
}

/** The app's one HTTP server: /healthz and the bundled demo feeds now; /trpc, the web build and /reports join it. */
export function createHttpServer(deps: HttpDeps): Server {
  const demo = deps.demoSourcesDir ? demoSourceFiles(deps.demoSourcesDir) : null;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
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
