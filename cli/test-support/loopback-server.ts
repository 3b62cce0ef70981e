import { createServer, type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import { listen } from '../../api/http-server.js';

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Closes the server, cutting the connections still open (kept alive, or held on purpose by a test). */
  close(): Promise<void>;
}

/** A test's HTTP server on 127.0.0.1 and a free port. */
export async function serveOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
