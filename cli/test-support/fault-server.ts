import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { listen } from '../../api/http-server.js';
import { PROJECT_ROOT } from '../config.js';

export interface FaultServer {
  url: string;
  /** How many requests each path received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const DEMO = join(PROJECT_ROOT, 'fixtures/demo-sources');

/**
 * A real HTTP server on 127.0.0.1 serving the recorded demo payloads and the ways a source breaks:
 * /status/500, /hang (never answers), /malformed.json, /huge.json (over any sane size limit).
 */
export async function startFaultServer(): Promise<FaultServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/remotive.json') return void res.end(readFileSync(join(DEMO, 'remotive.json')));
    if (path === '/weworkremotely.rss') return void res.end(readFileSync(join(DEMO, 'weworkremotely.rss')));
    if (path === '/status/500') return void res.writeHead(500).end('internal error');
    if (path === '/malformed.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"jobs": [ {"id": 1, "title": "trunc');
    if (path === '/huge.json') return void res.writeHead(200).end(`{"jobs": [], "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    if (path === '/hang') return; // never answers
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
