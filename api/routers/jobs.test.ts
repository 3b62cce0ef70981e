import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { TRPCClientError, createTRPCClient, httpBatchLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../../cli/test-support/fault-server.js';
import { fixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import type { Warehouse } from '../../warehouse/db.js';
import { createHttpServer, listen } from '../http-server.js';
import type { AppRouter } from '../router.js';

let faults: FaultServer;
let warehouse: Warehouse;
let dir: string;
let server: Server;
let api: ReturnType<typeof createTRPCClient<AppRouter>>;
let baseUrl: string;

beforeAll(async () => {
  faults = await startFaultServer();
  ({ warehouse, dir } = await fixtureWarehouse(faults));
  server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, publicUrl: 'http://127.0.0.1' });
  baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/trpc` })] });
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  warehouse?.close();
  await faults?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function badRequest(call: () => Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as TRPCClientError<AppRouter>;
}

describe('jobs router over HTTP with the real tRPC client', () => {
  it('lists one card per deduplicated job, newest first, paged', async () => {
    const all = await api.jobs.list.query({ limit: 100 });
    expect(all).toHaveLength(21);
    const dates = all.map((j) => String(j.firstSeenAt));
    expect(dates).toEqual([...dates].sort().reverse());
    const page2 = await api.jobs.list.query({ limit: 5, offset: 5 });
    expect(page2.map((j) => j.clusterId)).toEqual(all.slice(5, 10).map((j) => j.clusterId));
  });

  it('filters by skill and text with bound parameters', async () => {
    const python = await api.jobs.list.query({ skill: 'python', limit: 100 });
    expect(python.length).toBeGreaterThan(0);
    for (const job of python) expect(job.skills).toContain('python');
    const [first] = await api.jobs.list.query({ limit: 1 });
    const byCompany = await api.jobs.list.query({ q: String(first?.company).slice(0, 6), limit: 100 });
    expect(byCompany.map((j) => j.clusterId)).toContain(first?.clusterId);
    for (const payload of ["' OR 1=1 --", "%' UNION SELECT * FROM users --", '"; DROP TABLE postings; --']) {
      expect(await api.jobs.list.query({ q: payload })).toEqual([]);
    }
    expect(await warehouse.query('SELECT count(*) AS n FROM postings')).toEqual([{ n: 24 }]);
  });

  it('shows a job with every place to apply and the evidence of its fields', async () => {
    const all = await api.jobs.list.query({ limit: 100 });
    const merged = all.filter((j) => Number(j.sources) > 1);
    expect(merged).toHaveLength(3);
    const job = await api.jobs.get.query({ clusterId: String(merged[0]?.clusterId) });
    const members = job.members as { applyUrl: string; sourceId: string }[];
    expect(members).toHaveLength(2);
    for (const m of members) expect(m.applyUrl).toMatch(/^https:\/\//);
    const evidence = job.evidence as { skills: { skill: string; text: string; field: string }[]; remote: { text: string }[] };
    const inText = evidence.skills.filter((m) => m.field !== 'tags');
    expect(inText.length).toBeGreaterThan(0);
    for (const mention of inText) expect(`${String(job.title)}\n${String(job.description)}`).toContain(mention.text);
    expect(evidence.remote.length).toBeGreaterThan(0);
  });

  it('lists every source of a job on its card, the same as the job shows', async () => {
    const all = await api.jobs.list.query({ limit: 100 });
    for (const card of all) expect(card.members).toHaveLength(card.sources);
    const merged = all.filter((j) => j.sources > 1);
    expect(new Set(merged.flatMap((j) => j.members.map((m) => m.sourceId))).size).toBeGreaterThan(1);
    for (const card of merged) expect((await api.jobs.get.query({ clusterId: card.clusterId })).members).toEqual(card.members);
  });

  it('shows salary, scope, seniority and contract with what each was read from', async () => {
    const brazil = await api.jobs.list.query({ scope: 'brazil', limit: 100 });
    expect(brazil.length).toBeGreaterThan(0);
    const withSalary = brazil.find((j) => j.salaryBrlMonthMin !== null);
    const job = await api.jobs.get.query({ clusterId: String(withSalary?.clusterId) });
    expect(job).toMatchObject({ remoteScope: 'brazil', remoteCountries: ['BR'], salaryCurrency: 'BRL', language: 'pt' });
    expect(job.fxDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number(job.salaryUsdMonthMin)).toBeLessThan(Number(job.salaryBrlMonthMin));
    const evidence = job.evidence as { salary: { text: string; field: string }; remote: { field: string; text: string }[] };
    const source = evidence.salary.field === 'salary' ? String(job.salaryText) : String(job.description);
    expect(source).toContain(evidence.salary.text);
    expect(evidence.remote.map((r) => r.text)).toContain('Brazil');
  });

  it('refuses bad input with one error shape, no stack or SQL', async () => {
    const tooMany = await badRequest(() => api.jobs.list.query({ limit: 1000 }));
    expect(tooMany.data?.code).toBe('BAD_REQUEST');
    const skill = await badRequest(() => api.jobs.list.query({ skill: "python') OR 1=1 --" }));
    expect(skill.data?.code).toBe('BAD_REQUEST');
    const missing = await badRequest(() => api.jobs.get.query({ clusterId: `job_${'0'.repeat(24)}` }));
    expect(missing.data?.code).toBe('NOT_FOUND');

    const raw = await fetch(`${baseUrl}/trpc/jobs.get?input=${encodeURIComponent(JSON.stringify({ clusterId: 'x' }))}`);
    expect(raw.status).toBe(400);
    const body = JSON.stringify(await raw.json());
    expect(body).not.toMatch(/stack|at .*\.ts:|SELECT|FROM /);
    expect(body).toContain('clusterId');
  });
});
