import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    envVar: string,
  ) {
    super(`port ${port} (${what}) is in use: stop what listens there, or set ${envVar} to a free port`);
    this.name = 'PortInUseError';
  }
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Checked before anything starts, so a taken port stops start-up before any state is written. */
export async function assertPortsFree(host: string, ports: { port: number; what: string; envVar: string }[]): Promise<void> {
  for (const p of ports) {
    if (p.port !== 0 && !(await isFree(p.port, host))) throw new PortInUseError(p.port, p.what, p.envVar);
  }
}

/** A port the OS reports free right now (for tests and throwaway servers). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
