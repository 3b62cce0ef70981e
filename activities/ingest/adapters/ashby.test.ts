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
import { ashbyAdapter } from './ashby.js';

const fixture = readFileSync(new URL('../../../fixtures/sources/ashby/page-1.json', import.meta.url), 'utf8');

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ashby-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/posting-api/job-board/capivara-ai') return void res.writeHead(200, { 'content-type': 'application/json' }).end(fixture);
    if (path === '/posting-api/job-board/broken') return void res.end('{"jobs": [ {"id": "x"');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const source = (board: string): Source => ({
  id: `ashby-${board}`, name: `Ashby ${board}`, kind: 'json_api', adapter: 'ashby', url: `${base}/posting-api/job-board/${board}?includeCompensation=true`,
  enabled: true, timeoutMs: 2000, maxBytes: 1_000_000, maxPages: 10, pageDelayMs: 0,
});

async function fetched(runId: string) {
  const result = await fetchSource(source('capivara-ai'), runId, new Staging(dir));
  const rows = readFileSync(result.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StagedRawPosting);
  return { result, byId: new Map(rows.map((r) => [r.external_id, ashbyAdapter.extract(r.payload)])) };
}

describe('ashby adapter through fetchSource', () => {
  it('reads the board in one page and skips jobs without an id or a title', async () => {
    const { result } = await fetched('run-1');

    expect(result).toMatchObject({ pages: 1, items: 3, skipped: 2 });
  });

  it('extracts fields, structured remote data and only the Salary component of compensation', async () => {
    const { byId } = await fetched('run-2');

    expect(byId.get('0f6b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b')).toMatchObject({
      title: 'Staff AI Engineer - LLM Evaluation',
      company: 'Capivara Ai',
      location: 'Remote - Brazil / Remote - Colombia / Remote - Chile',
      postedAt: '2026-11-13T17:42:05.311Z',
      applyUrl: 'https://jobs.ashbyhq.com/capivara-ai/0f6b9a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
      descriptionHtml: expect.stringContaining('<li>Evaluación de LLMs y RAG</li>') as unknown as string,
      salaryText: 'USD 150000 - 190000 per year',
      tags: ['Engineering', 'Applied AI'],
      employmentType: 'FullTime',
      remote: { workplaceType: 'Remote', isRemote: true, countries: ['Brazil', 'Colombia'], locationRestrictions: null },
    });
    expect(byId.get('7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d')).toMatchObject({
      salaryText: 'BRL 2800 per month',
      employmentType: 'Intern',
      descriptionHtml: '<p>Estágio de 6 horas. SQL, Python &amp; Airflow &lt;básico&gt;.</p>',
      remote: { workplaceType: 'Hybrid', isRemote: false, locationRestrictions: null },
    });
  });

  it('tolerates a job with no location, description, date or salary (equity only)', async () => {
    const { byId } = await fetched('run-3');

    expect(byId.get('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e')).toEqual({
      title: 'Data Analyst (Contract)', company: 'Capivara Ai', location: null, postedAt: null,
      applyUrl: 'https://jobs.ashbyhq.com/capivara-ai/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', descriptionHtml: '', salaryText: null,
      tags: [], employmentType: 'Contract', remote: { locationRestrictions: null },
    });
  });

  it('refuses a truncated body or a response without jobs, permanently', async () => {
    await expect(fetchSource(source('broken'), 'run-4', new Staging(dir))).rejects.toBeInstanceOf(PermanentError);
    await expect(ashbyAdapter.parse('{"success": false}')).rejects.toThrow(/no "jobs" array/);
  });
});
