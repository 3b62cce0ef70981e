import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  pid: number;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  dbFile: string;
  host?: string;
  port: number;
  /** null: no Web UI (tests). */
  uiPort: number | null;
  namespace?: string;
  readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the Temporal frontend answers a health check. */
export async function waitForTemporal(address: string, timeoutMs: number, stillRunning: () => string | null = () => null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    const exited = stillRunning();
    if (exited) throw new Error(exited);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = (error as Error).message;
      await sleep(250);
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** `temporal server start-dev` as a child process, its state in an SQLite file, stopped by stop(). */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(dirname(opts.dbFile), { recursive: true });
  const args = ['server', 'start-dev', '--db-filename', opts.dbFile, '--ip', host, '--port', String(opts.port), '--log-level', 'warn'];
  args.push(...(opts.uiPort === null ? ['--headless'] : ['--ui-port', String(opts.uiPort)]));
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);

  const child: ChildProcess = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitMessage: string | null = null;
  child.once('exit', (code, signal) => {
    exitMessage = `the Temporal dev server exited early (${signal ?? `code ${code}`}): ${output.trim().split('\n').slice(-3).join(' ')}`;
  });
  child.once('error', (error) => {
    exitMessage = `the Temporal dev server could not start: ${error.message}`;
  });

  const address = `${host}:${opts.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForTemporal(address, opts.readyTimeoutMs ?? 60_000, () => exitMessage);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, uiUrl: opts.uiPort === null ? null : `http://${host}:${opts.uiPort}`, pid: child.pid ?? -1, stop };
}
