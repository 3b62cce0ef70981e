import { TRPCClientError, createTRPCClient, httpBatchLink } from '@trpc/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert, defaultFxTable } from '../../activities/normalize/fx.js';
import { LATAM_COUNTRIES } from '../../activities/normalize/geo.js';
import type { JobDetail } from '../../warehouse/job-queries.js';
import { STOP_WORDS, searchWords } from '../../warehouse/search-words.js';
import type { AppRouter } from '../router.js';
import { profileInput, usePipelineApi } from './pipeline-api-fixture.js';

const app = usePipelineApi();
let api: ReturnType<typeof createTRPCClient<AppRouter>>;
/** Every job with every field, read through jobs.get: what a search is checked against. */
let everything: JobDetail[];

beforeAll(async () => {
  api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${app.baseUrl}/trpc` })] });
  const ids = (await api.jobs.list.query({ limit: 100, includeInactive: true })).map((j) => j.clusterId);
  everything = (await Promise.all(ids.map((clusterId) => api.jobs.get.query({ clusterId })))) as JobDetail[];
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
    expect(await app.warehouse.query('SELECT count(*) AS n FROM postings')).toEqual([{ n: 24 }]);
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

    const raw = await fetch(`${app.baseUrl}/trpc/jobs.get?input=${encodeURIComponent(JSON.stringify({ clusterId: 'x' }))}`);
    expect(raw.status).toBe(400);
    const body = JSON.stringify(await raw.json());
    expect(body).not.toMatch(/stack|at .*\.ts:|SELECT|FROM /);
    expect(body).toContain('clusterId');
  });
});

type SearchInput = Parameters<typeof api.jobs.search.query>[0];
type SearchCard = Awaited<ReturnType<typeof api.jobs.search.query>>['items'][number];

const LATAM_SCOPES = new Set(['global', 'latam', 'americas', 'brazil']);
const DAY_MS = 86_400_000;

/** What a search should find, worked out by reading every job: the specification the index must meet. */
function expected(input: SearchInput): string[] {
  const words = (job: JobDetail) => new Set(searchWords(`${job.title} ${job.company ?? ''} ${job.description}`).filter((w) => !STOP_WORDS.has(w)));
  const floorOf = (job: JobDetail) => {
    const floor = input.salaryFloor;
    if (!floor) return true;
    const pay = floor.currency === 'BRL' ? (job.salaryBrlMonthMax ?? job.salaryBrlMonthMin) : (job.salaryUsdMonthMax ?? job.salaryUsdMonthMin);
    const amount = floor.currency === 'BRL' || floor.currency === 'USD' ? floor.amount : convert(floor.amount, floor.currency, 'USD', defaultFxTable());
    return pay !== null && pay >= amount;
  };
  const q = input.q ? searchWords(input.q).filter((w) => !STOP_WORDS.has(w)) : [];
  const prefix = input.q && !/\s$/.test(input.q) ? q.pop() : undefined;
  return everything
    .filter((job) => input.includeInactive || job.active)
    .filter((job) => (input.remote ?? 'latam') === 'any' || LATAM_SCOPES.has(job.remoteScope) || (job.remoteScope === 'countries' && (job.remoteCountries ?? []).some((c) => LATAM_COUNTRIES.has(c))))
    .filter((job) => !input.scopes || input.scopes.includes(job.remoteScope))
    .filter((job) => !input.countries || job.remoteScope === 'global' || (job.remoteCountries ?? []).some((c) => input.countries?.includes(c)))
    .filter((job) => !input.seniority || (job.seniority !== null && input.seniority.includes(job.seniority)))
    .filter((job) => !input.contractTypes || (job.contractType !== null && input.contractTypes.includes(job.contractType)))
    .filter((job) => !input.languages || (job.language !== null && input.languages.includes(job.language)))
    .filter((job) => (input.skills ?? []).every((s) => job.skills.includes(s)))
    .filter((job) => !input.sources || job.members.some((m) => input.sources?.includes(m.sourceId)))
    .filter(floorOf)
    .filter((job) => input.postedWithinDays === undefined || Date.parse(job.firstSeenAt) >= Date.now() - input.postedWithinDays * DAY_MS)
    .filter((job) => {
      const w = words(job);
      return q.every((t) => w.has(t)) && (prefix === undefined || [...w].some((t) => t.startsWith(prefix)));
    })
    .sort((a, b) => Date.parse(b.firstSeenAt) - Date.parse(a.firstSeenAt) || a.clusterId.localeCompare(b.clusterId))
    .map((job) => job.clusterId);
}

/** Every page of a search, following nextCursor. */
async function allPages(client: typeof api, input: SearchInput): Promise<SearchCard[]> {
  const cards: SearchCard[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await client.jobs.search.query({ ...input, cursor });
    cards.push(...page.items);
    if (!page.nextCursor) return cards;
    cursor = page.nextCursor;
  }
  throw new Error('more than 50 pages');
}

describe('jobs.search over the search index', () => {
  it('finds exactly the jobs a scan of every job finds, newest first, for every filter, in keyset pages', async () => {
    const [withSalary] = everything.filter((j) => j.salaryBrlMonthMin !== null);
    const somePython = everything.find((j) => j.skills.includes('python'));
    const titleWord = searchWords(String(somePython?.title)).find((w) => w.length > 4 && !STOP_WORDS.has(w)) as string;
    const cases: SearchInput[] = [
      {},
      { remote: 'any' },
      { remote: 'any', includeInactive: true },
      { scopes: ['brazil', 'latam'] },
      { remote: 'any', scopes: ['countries', 'onsite', 'hybrid', 'unknown'] },
      { countries: ['MX'] },
      { remote: 'any', countries: ['US'] },
      { seniority: ['senior', 'lead'] },
      { remote: 'any', contractTypes: ['clt', 'pj'] },
      { languages: ['pt'] },
      { skills: ['python'] },
      { skills: ['python', 'sql'], remote: 'any' },
      { sources: ['demo-wwr'], remote: 'any' },
      { salaryFloor: { amount: Number(withSalary?.salaryBrlMonthMax ?? withSalary?.salaryBrlMonthMin), currency: 'BRL' }, remote: 'any' },
      { salaryFloor: { amount: 4000, currency: 'USD' }, remote: 'any' },
      { salaryFloor: { amount: 3500, currency: 'EUR' }, remote: 'any' },
      { postedWithinDays: 365, remote: 'any' },
      { postedWithinDays: 1, remote: 'any' },
      { q: titleWord, remote: 'any' },
      { q: `${titleWord.toUpperCase()} `, remote: 'any' },
      { q: titleWord.slice(0, 4), remote: 'any' },
      { q: 'python sql', remote: 'any' },
      { q: 'engenheiro de dad', remote: 'any' },
      { q: 'ciência de dados', remote: 'any' },
      { q: 'machine learning', skills: ['python'], seniority: ['senior'] },
    ];
    let nonEmpty = 0;
    for (const input of cases) {
      for (const limit of [3, 50]) {
        const cards = await allPages(api, { ...input, limit });
        expect(cards.map((c) => c.clusterId), JSON.stringify(input)).toEqual(expected(input));
        for (const card of cards) expect(card.score).toBeNull();
      }
      if (expected(input).length > 0) nonEmpty += 1;
    }
    // The cases must exercise the filters, not just agree on empty results.
    expect(nonEmpty).toBeGreaterThanOrEqual(cases.length - 3);
    expect(expected({ remote: 'any' }).length).toBeGreaterThan(expected({}).length);
  });

  it('shows the same card as jobs.list, with every place to apply', async () => {
    const listed = new Map((await api.jobs.list.query({ limit: 100 })).map((card) => [card.clusterId, card]));
    const found = await allPages(api, { remote: 'any', limit: 50 });
    expect(found).toHaveLength(listed.size);
    for (const card of found) expect({ ...card, score: undefined }).toEqual({ ...listed.get(card.clusterId), score: undefined });
  });

  it('refuses a cursor that was tampered with or belongs to another search', async () => {
    const first = await api.jobs.search.query({ remote: 'any', limit: 2 });
    const cursor = String(first.nextCursor);
    const [payload, mac] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k: { firstSeenUs: number } };
    decoded.k.firstSeenUs += 1;
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${mac}`;
    const tampered = [forged, `${payload}.${mac.slice(1)}A`, `${payload}x.${mac}`, payload, `${cursor}.x`, 'not base64!', `${Buffer.from('[').toString('base64url')}.${mac}`];
    for (const bad of tampered) {
      const error = await badRequest(() => api.jobs.search.query({ remote: 'any', limit: 2, cursor: bad }));
      expect(error.data?.code, bad).toBe('BAD_REQUEST');
    }
    const other = await badRequest(() => api.jobs.search.query({ remote: 'any', skills: ['python'], limit: 2, cursor }));
    expect(other.message).toBe('the cursor belongs to another search');
    // The page size may change between pages.
    const next = await api.jobs.search.query({ remote: 'any', limit: 5, cursor });
    expect(next.items[0]?.clusterId).toBe(expected({ remote: 'any' })[2]);
  });

  it('sorts by the caller’s matches from the active matcher, signed in only', async () => {
    expect((await badRequest(() => api.jobs.search.query({ sort: 'match' }))).data?.code).toBe('UNAUTHORIZED');
    const ana = await app.signedIn('ana@example.com');
    await ana.client.profile.update.mutate(profileInput({ yearsExperience: 4, skills: ['python', 'sql', 'machine-learning', 'airflow'] }));
    await app.score();

    const matches = new Map((await ana.client.matches.list.query({ limit: 100 })).map((m) => [m.clusterId, m.score]));
    const byMatch = await allPages(ana.client, { sort: 'match', remote: 'any', limit: 4 });
    // The matcher scored every active job for Ana, so sorting by match finds every job.
    expect(byMatch.map((c) => c.clusterId).sort()).toEqual(expected({ remote: 'any' }).sort());
    const scores = byMatch.map((c) => c.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const card of byMatch) expect(card.score).toBe(matches.get(card.clusterId) ?? null);
    // Sorted by date, signed in: the same scores on the cards.
    for (const card of await allPages(ana.client, { remote: 'any', limit: 50 })) expect(card.score).toBe(matches.get(card.clusterId) ?? null);
    // A cursor is the caller's own: another user's page of the same search does not continue from it.
    const page = await ana.client.jobs.search.query({ sort: 'match', remote: 'any', limit: 2 });
    const bruno = await app.signedIn('bruno@example.com');
    const error = await badRequest(() => bruno.client.jobs.search.query({ sort: 'match', remote: 'any', limit: 2, cursor: String(page.nextCursor) }));
    expect(error.data?.code).toBe('BAD_REQUEST');
  });

  it('bounds every input', async () => {
    const refused: SearchInput[] = [
      { limit: 51 },
      { limit: 0 },
      { q: 'x'.repeat(201) },
      { q: 'python sql spark airflow dbt kafka docker aws gcp' },
      { skills: Array.from({ length: 11 }, (_, i) => `skill${i}`) },
      { skills: ['Python!'] },
      { countries: ['br'] },
      { postedWithinDays: 366 },
      { postedWithinDays: 0 },
      { salaryFloor: { amount: -1, currency: 'BRL' } },
      { sources: ['../etc'] },
      { cursor: 'x'.repeat(401) },
    ];
    for (const input of refused) expect((await badRequest(() => api.jobs.search.query(input))).data?.code, JSON.stringify(input)).toBe('BAD_REQUEST');
    const raw = await fetch(`${app.baseUrl}/trpc/jobs.search?input=${encodeURIComponent(JSON.stringify({ scopes: ['mars'], salaryFloor: { amount: 1, currency: 'XXX' } }))}`);
    expect(raw.status).toBe(400);
    const body = (await raw.json()) as { error: { data: { issues: { path: (string | number)[] }[] } } };
    expect(body.error.data.issues.map((i) => i.path.join('.')).sort()).toEqual(['salaryFloor.currency', 'scopes.0']);
  });
});
