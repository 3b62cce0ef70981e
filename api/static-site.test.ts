import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from './http-server.js';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vagas-static-'));
  const web = join(dir, 'web');
  const reports = join(dir, 'reports');
  mkdirSync(join(web, 'assets'), { recursive: true });
  mkdirSync(join(reports, 'salaries'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<html>app</html>');
  writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(reports, 'index.html'), '<html>report</html>');
  writeFileSync(join(reports, 'salaries', 'index.html'), '<html>salaries</html>');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  symlinkSync(join(dir, 'secret.txt'), join(web, 'link.txt'));
  server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse: null, publicUrl: 'http://127.0.0.1', webDir: web, reportsDir: reports });
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('static sites', () => {
  it('serves the web app with a strict content security policy and falls back to index.html for app routes', async () => {
    const root = await fetch(`${base}/`);
    expect(await root.text()).toBe('<html>app</html>');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self';");
    const route = await fetch(`${base}/jobs/abc`);
    expect(await route.text()).toBe('<html>app</html>');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves report pages from their folders under /reports', async () => {
    expect((await fetch(`${base}/reports`, { redirect: 'manual' })).headers.get('location')).toBe('/reports/');
    expect(await (await fetch(`${base}/reports/`)).text()).toBe('<html>report</html>');
    expect(await (await fetch(`${base}/reports/salaries`)).text()).toBe('<html>salaries</html>');
    expect((await fetch(`${base}/reports/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the site, whether by dot-dot, encoded dot-dot or symlink', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/link.txt', '/reports/..%2fsecret.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).not.toContain('do not serve');
    }
  });
});
