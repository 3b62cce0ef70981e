import { createServer, type RequestListener, type Server } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Warehouse } from '../warehouse/db.js';
import { createContext, type TemporalUi } from './context.js';
import type { ReadModel } from './read-model/read-model.js';
import type { EventStreams } from './events.js';
import { demoSourceFiles } from './demo-sources.js';
import type { Health } from './health.js';
import { appRouter } from './router.js';
import type { ResumeDeps } from './routers/resume.js';
import { serveStatic, type StaticSite } from './static-site.js';
import { handleProviderEvents } from './sendgrid-events.js';
import { handleUnsubscribe } from './unsubscribe.js';
import { queryFastPath, type QueryHandlerOptions } from './query-fast-path.js';
import type { NotifyDeps } from '../activities/notify/notify-activities.js';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';

export interface HttpDeps {
  health: () => Promise<Health>;
  demoSourcesDir: string | null;
  /** Null in a process that does not own the warehouse: no API there. */
  warehouse: Warehouse | null;
  /** The API's in-memory serving layer over that warehouse; absent, every answer is read from the warehouse. */
  readModel?: ReadModel | null;
  /** Where users reach the app, for links in e-mails; https there means Secure cookies. */
  publicUrl: string;
  /** The web app's build (web/dist); null serves no app (API-only tests). */
  webDir?: string | null;
  /** The Evidence report's build, rebuilt by the publish stage; served under /reports. */
  reportsDir?: string | null;
  /** E-mail: signed unsubscribe links and digest previews; absent, neither is served. */
  notify?: NotifyDeps | null;
  /** Operator workflows (matcher retraining, promotion, rollback) are started through it. */
  temporal?: Client | null;
  /** Where operators follow a workflow run; null without a known Web UI. */
  temporalUi?: TemporalUi | null;
  /** GET /events (Server-Sent Events to open dashboards); absent, not served. */
  events?: EventStreams | null;
  /** Résumé uploads: where files are stored and how large one may be; absent, uploads are refused. */
  resumes?: ResumeDeps | null;
  /** Unexpected API failures are logged here with their cause; callers get the one error shape without it. */
  logger?: Logger | null;
  /** GET queries answered by query-fast-path.ts (the default); false: every call through tRPC's stock handler, the baseline it is measured and tested against. */
  queryFastPath?: boolean;
}

// The app's own pages run no inline script and load nothing from elsewhere; job descriptions from
// the internet are rendered inside them, so this is the second wall behind sanitizing.
const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
// Evidence's SvelteKit pages start with an inline script and load DuckDB-WASM in a worker.
const REPORTS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 1024 * 1024;
// A multipart body carries the file plus a boundary and part headers; the file's own limit is checked exactly by the procedure.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const API_BASE = '/trpc/';
const UPLOAD_PATH = `${API_BASE}resume.upload`;

/** The app's one HTTP server: /trpc (API), /healthz, the bundled demo feeds, /reports and the web app. */
export function createHttpServer(deps: HttpDeps): Server {
  const web: StaticSite | null = deps.webDir ? { root: deps.webDir, spaFallback: true, csp: WEB_CSP } : null;
  const reports: StaticSite | null = deps.reportsDir ? { root: deps.reportsDir, spaFallback: false, csp: REPORTS_CSP } : null;
  const demo = deps.demoSourcesDir ? demoSourceFiles(deps.demoSourcesDir) : null;
  const warehouse = deps.warehouse;
  // One router, context and failure log for both ways in: the stock handler and the GET fast path.
  const trpc: QueryHandlerOptions<typeof appRouter> | null = warehouse
    ? {
        router: appRouter,
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') deps.logger?.error({ err: error.cause ?? error, path }, 'API procedure failed');
        },
        createContext: ({ req, res }) =>
          createContext(
            { warehouse, readModel: deps.readModel ?? null, publicUrl: deps.publicUrl, secureCookies: deps.publicUrl.startsWith('https:'), notify: deps.notify ?? null, temporal: deps.temporal ?? null, resumes: deps.resumes ?? null, temporalUi: deps.temporalUi ?? null, logger: deps.logger ?? null },
            req,
            res,
          ),
      }
    : null;
  // The fast path reproduces tRPC's defaults: options beyond these (maxBatchSize, responseMeta, …) would have to be taught to it first.
  const handler = (maxBodySize: number): RequestListener | null => (trpc ? createHTTPHandler({ ...trpc, basePath: API_BASE, maxBodySize }) : null);
  const api = handler(MAX_BODY_BYTES);
  const fastQueries = trpc && deps.queryFastPath !== false ? queryFastPath(trpc) : null;
  // Only the upload procedure, called alone, may send more than the API's 1 MB: the same router behind a larger limit.
  const upload = deps.resumes ? handler(deps.resumes.maxBytes + MULTIPART_OVERHEAD_BYTES) : null;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (upload && url.pathname === UPLOAD_PATH) return upload(req, res);
    if (api && url.pathname.startsWith(API_BASE)) {
      if (fastQueries?.(req, res, url, url.pathname.slice(API_BASE.length))) return;
      return api(req, res);
    }
    if (deps.notify && url.pathname === '/unsubscribe' && (req.method === 'GET' || req.method === 'POST')) {
      return handleUnsubscribe(deps.notify, req, res, url);
    }
    if (deps.notify && url.pathname === '/webhooks/sendgrid' && req.method === 'POST') return handleProviderEvents(deps.notify, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (deps.events && url.pathname === '/events' && req.method === 'GET') return deps.events.handle(req, res);
    if (url.pathname === '/healthz') {
      deps.health().then(
        (health) => send(health.status === 'ok' ? 200 : 503, health),
        (error: Error) => send(500, { status: 'error', error: error.message }),
      );
      return;
    }
    if (demo && url.pathname.startsWith('/demo-sources/') && demo(url.pathname.slice('/demo-sources/'.length), res)) return;
    if (url.pathname === '/reports') {
      res.writeHead(301, { location: '/reports/' });
      return res.end();
    }
    if (url.pathname.startsWith('/reports/')) {
      if (reports && serveStatic(reports, url.pathname.slice('/reports'.length), req, res)) return;
      return send(404, { error: reports ? 'not found' : 'the report has not been built yet' });
    }
    if (web && serveStatic(web, url.pathname, req, res)) return;
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
