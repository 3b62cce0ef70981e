import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortsFree, freePort, PortInUseError } from './ports.js';

const held: Server[] = [];
const hold = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
    held.push(server);
  });

afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('freePort', () => {
  it('answers ports below the range the kernel numbers its own sockets from, each one listenable', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      expect(port).toBeLessThan(32_768);
      await hold(port);
    }
  });

  it('passes over a port something already listens on', async () => {
    const first = await freePort();
    await hold(first + 1);
    const second = await freePort();
    expect(second).not.toBe(first + 1);
    await hold(second);
  });
});

describe('assertPortsFree', () => {
  it('names the setting to change when a port is taken', async () => {
    const port = await freePort();
    await hold(port);
    await expect(assertPortsFree('127.0.0.1', [{ port, what: 'the app HTTP server', envVar: 'PORT' }])).rejects.toThrow(PortInUseError);
    await expect(assertPortsFree('127.0.0.1', [{ port, what: 'the app HTTP server', envVar: 'PORT' }])).rejects.toThrow(/set PORT to a free port/);
  });
});
