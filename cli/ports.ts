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

/** The kernel hands out ports from 32768 up (ip_local_port_range) whenever a socket binds port 0. */
const BELOW_EPHEMERAL = 20_000;
const BLOCK = 1_000;
let nextInBlock = Math.floor(Math.random() * BLOCK);

/**
 * A port that is free now, for servers that must be told their port before they listen (a Temporal
 * dev server, a child process) in tests and benchmarks. A port 0 socket asks the kernel, which can
 * give the same number to the next asker once this one closes: a Temporal server's internal services
 * took a test's port between this answer and its use. So ports come from below the ephemeral range,
 * from a block of their own for each vitest worker, so parallel test files never pick the same one.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID ?? 0) % 10;
  for (let tries = 0; tries < BLOCK; tries++) {
    const port = BELOW_EPHEMERAL + worker * BLOCK + (nextInBlock++ % BLOCK);
    if (await isFree(port, host)) return port;
  }
  throw new Error(`no free port in ${BELOW_EPHEMERAL + worker * BLOCK}–${BELOW_EPHEMERAL + (worker + 1) * BLOCK - 1}`);
}
