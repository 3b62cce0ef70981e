import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../warehouse/core.js';
import { PermanentError } from '../../errors.js';
import { Staging } from '../../staging.js';
import { fetchSource, type StagedRawPosting } from '../fetch-source.js';
import { workableAdapter } from './workable.js';

const fixture = readFileSync(new URL('../../../fixtures/sources/workable/page-1.json', import.meta.url), 'utf8');

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workable-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/v1/widget/accounts/quetzal') return void res.writeHead(200, { 'content-type': 'application/json' }).end(fixture);
    if (path === '/api/v1/widget/accounts/html') return void res.end('<html><body>Too many requests</body></html>');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (account: string): Source => ({
  id: `workable-${account}`, name: `Workable ${account}`, kind: 'json_api', adapter: 'workable', url: `${base}/api/v1/widget/accounts/${account}`,
  enabled: true, timeoutMs: 2000, maxBytes: 1_000_000, maxPages: 10, pageDelayMs: 0,
});

async function fetched(runId: string) {
  const result = await fetchSource(source('quetzal'), runId, new Staging(dir));
  const rows = readFileSync(result.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StagedRawPosting);
  return { result, byId: new Map(rows.map((r) => [r.external_id, workableAdapter.extract(r.payload)])) };
}

describe('workable adapter through fetchSource', () => {
  it('reads the account in one page, keyed by shortcode, and skips jobs without one or without a title', async () => {
    const { result, byId } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 2 });
    expect([...byId.keys()]).toEqual(['A1B2C3D4E5', 'F6G7H8I9J0', 'K1L2M3N4O5']);
  });

  it('names the company from the account and reads visible locations, remote flag and listing facts', async () => {
    const { byId } = await fetched('run-2');
    const ml = byId.get('A1B2C3D4E5');

    expect(ml).toMatchObject({
      title: 'Ingeniero/a de Machine Learning',
      company: 'Quetzal Analytics',
      location: 'Guatemala City, Guatemala / San José, Costa Rica',
      postedAt: '2026-11-11T00:00:00.000Z',
      applyUrl: 'https://apply.workable.com/j/A1B2C3D4E5',
      salaryText: null,
      tags: ['Data Science', 'Engineering'],
      employmentType: 'Full-time',
      remote: { isRemote: true, countries: ['GT', 'CR'], locationRestrictions: null },
    });
    expect(ml?.descriptionHtml).toBe(
      "<ul><li>Department: Data Science</li><li>Function: Engineering</li><li>Industry: Financial Services</li><li>Experience: Mid-Senior level</li><li>Education: Bachelor's Degree</li></ul>",
    );
    expect(byId.get('F6G7H8I9J0')).toMatchObject({
      location: 'Heredia, Costa Rica',
      applyUrl: 'https://apply.workable.com/j/F6G7H8I9J0',
      employmentType: 'Contract',
      tags: [],
      remote: { isRemote: false, countries: ['Costa Rica'], locationRestrictions: null },
    });
  });

  it('tolerates a job with only a shortcode and a title', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('K1L2M3N4O5')).toEqual({
      title: 'Data Platform Lead', company: 'Quetzal Analytics', location: null, postedAt: null, applyUrl: null, descriptionHtml: '',
      salaryText: null, tags: [], employmentType: null, remote: { locationRestrictions: null },
    });
  });

  it('refuses HTML, or JSON without a jobs array, permanently', async () => {
    await expect(fetchSource(source('html'), 'run-4', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(workableAdapter.parse('{"name": "Quetzal Analytics"}')).rejects.toThrow(/no "jobs" array/);
  });
});
