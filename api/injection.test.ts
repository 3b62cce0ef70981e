// SQL injection payloads through every free-text input of the API, over HTTP with the real client:
// each is either refused by validation or taken as plain text — a search finds what the same words
// find, a stored value reads back byte for byte, a password never matches — and afterwards every
// table is still there with the rows it should have. Then the bounds every procedure puts on input.
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../cli/test-support/api-client.js';
import { searchWords } from '../warehouse/search-words.js';
import type { AppRouter } from './router.js';
import { profileInput, usePipelineApi } from './routers/pipeline-api-fixture.js';

const PAYLOADS = [
  "'",
  '"',
  "'; DROP TABLE postings; --",
  "' OR 1=1 --",
  "' OR '1'='1",
  '" OR ""="',
  "%' UNION SELECT password_hash, email FROM users --",
  "1); DELETE FROM users WHERE ('a'='a",
  "\\'; TRUNCATE sessions; --",
  '$1',
  "' || (SELECT csrf_token FROM sessions LIMIT 1) || '",
  "admin'/*",
  '%',
  '_',
  '\u02bc OR \u02bc1\u02bc=\u02bc1', // modifier-letter apostrophes
  'ＯＲ １＝１ －－', // full-width
  "a\u0000'; DROP TABLE users; --",
  "Robert'); DROP TABLE search_terms;--",
  `${"'".repeat(150)}`,
];
const LONG = "'; DROP TABLE job_clusters; -- ".repeat(400); // 12,400 characters

const app = usePipelineApi();

/** The call fails with a tRPC error (returned), or resolves (null). */
async function failure(call: () => Promise<unknown>): Promise<TRPCClientError<AppRouter> | null> {
  return call().then(
    () => null,
    (e: unknown) => {
      expect(e).toBeInstanceOf(TRPCClientError);
      return e as TRPCClientError<AppRouter>;
    },
  );
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await app.warehouse.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await app.warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM "${name}"`))[0]?.n ?? -1;
  return counts;
}

/** Tables these tests write to on purpose (accounts, profiles, applications, sources, log-in failures). */
const WRITTEN = new Set(['users', 'sessions', 'profiles', 'applications', 'application_events', 'application_contacts', 'sources', 'login_failures', 'password_resets', 'email_outbox']);

describe('SQL injection payloads through every free-text input', () => {
  it('are taken as plain text everywhere, and leave every table intact', async () => {
    const before = await tableCounts();
    const anon = apiClient(app.baseUrl).client;
    const ana = await app.signedIn('ana@example.com');
    const [job] = await anon.jobs.list.query({ limit: 1 });
    let signUps = 1;

    for (const payload of [...PAYLOADS, LONG]) {
      const label = JSON.stringify(payload.slice(0, 40));

      if (payload.length > 4_000) {
        // Too long for a query's URL: Node's parser refuses it before the API sees it.
        for (const path of ['jobs.search', 'jobs.list']) {
          expect((await fetch(`${app.baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ q: payload }))}`)).status, path).toBe(431);
        }
      } else {
        // jobs.search: the payload finds what its words find, or is refused for length / word count.
        const search = await failure(() => anon.jobs.search.query({ q: payload, remote: 'any', limit: 50 }));
        if (search) {
          expect(search.data?.code, label).toBe('BAD_REQUEST');
          expect(payload.length > 200 || searchWords(payload).length > 8, label).toBe(true);
        } else {
          const found = await anon.jobs.search.query({ q: payload, remote: 'any', limit: 50 });
          const endsInWord = /[\p{L}\p{N}+#]$/u.test(payload);
          const plain = await anon.jobs.search.query({ q: `${searchWords(payload).join(' ')}${endsInWord ? '' : ' '}`, remote: 'any', limit: 50 });
          expect(found.items.map((j) => j.clusterId), label).toEqual(plain.items.map((j) => j.clusterId));
        }

        // jobs.list: a literal substring of title or company (LIKE's wildcards are escaped), or refused for length.
        const listed = await failure(() => anon.jobs.list.query({ q: payload, limit: 100 }));
        if (listed) expect(listed.data?.code, label).toBe('BAD_REQUEST');
        else {
          const titles = await anon.jobs.list.query({ limit: 100 });
          const literal = titles.filter((j) => `${j.title}`.toLowerCase().includes(payload.trim().toLowerCase()) || `${j.company ?? ''}`.toLowerCase().includes(payload.trim().toLowerCase()));
          expect((await anon.jobs.list.query({ q: payload, limit: 100 })).map((j) => j.clusterId), label).toEqual(literal.map((j) => j.clusterId));
        }
      }

      // Log-in: a payload as the password of a real account never signs anyone in.
      expect((await failure(() => anon.auth.logIn.mutate({ email: 'ana@example.com', password: payload })))?.data?.code, label).toMatch(/UNAUTHORIZED|BAD_REQUEST|TOO_MANY_REQUESTS/);
      // As an e-mail address it is refused, never looked up.
      expect((await failure(() => anon.auth.logIn.mutate({ email: payload, password: 'whatever it is' })))?.data?.code, label).toBe('BAD_REQUEST');
      expect((await failure(() => anon.auth.resetPassword.mutate({ token: payload, newPassword: 'a long enough passphrase' })))?.data?.code, label).toMatch(/BAD_REQUEST|UNAUTHORIZED/);

      if (payload.trim().length >= 1 && payload.length <= 100) {
        // Stored text reads back exactly: display name, profile fields, a source's name, an application note.
        const user = apiClient(app.baseUrl);
        const signedUp = await user.client.auth.signUp.mutate({ email: `user${signUps++}@example.com`, password: 'a long enough passphrase', displayName: payload });
        user.state.csrfToken = signedUp.csrfToken;
        expect((await user.client.auth.me.query())?.user.displayName, label).toBe(payload.trim());
        if (payload.length <= 64) {
          const profile = await ana.client.profile.update.mutate(profileInput({ timezone: payload, skills: [payload] }));
          expect(profile).toMatchObject({ timezone: payload, skills: [payload] });
        }
        const source = await user.client.sources.create.mutate({ name: payload, config: { kind: 'rss', url: 'https://vagas.example/feed.rss' } });
        expect((await user.client.sources.mine.query()).find((s) => s.id === source.id)?.name, label).toBe(payload.trim());
        const tracked = await user.client.applications.create.mutate({ clusterId: String(job?.clusterId), note: payload });
        expect(JSON.stringify(await user.client.applications.get.query({ id: tracked.id })), label).toContain(JSON.stringify(payload.trim()).slice(1, -1));
      }
    }

    const after = await tableCounts();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [table, n] of Object.entries(before)) if (!WRITTEN.has(table)) expect(after[table], table).toBe(n);
    expect(after.users).toBe((before.users ?? 0) + signUps);
    expect(await app.warehouse.query("SELECT count(*) AS n FROM users WHERE role = 'admin'")).toEqual([{ n: 0 }]);
  });
});

describe('input bounds', () => {
  it('refuses out-of-range limits, unknown enum values and non-web URLs with one error shape', async () => {
    const anon = apiClient(app.baseUrl).client;
    const ana = await app.signedIn('bounds@example.com');
    const [job] = await anon.jobs.list.query({ limit: 1 });
    const refused: [string, () => Promise<unknown>][] = [
      ['jobs.list limit', () => anon.jobs.list.query({ limit: 101 })],
      ['jobs.list offset', () => anon.jobs.list.query({ offset: -1 })],
      ['jobs.list scope', () => anon.jobs.list.query({ scope: 'moon' as never })],
      ['jobs.search limit', () => anon.jobs.search.query({ limit: 51 })],
      ['jobs.search sort', () => anon.jobs.search.query({ sort: 'salary' as never })],
      ['jobs.search contract', () => anon.jobs.search.query({ contractTypes: ['slave' as never] })],
      ['jobs.search currency', () => anon.jobs.search.query({ salaryFloor: { amount: 10, currency: 'BTC' as never } })],
      ['jobs.get id', () => anon.jobs.get.query({ clusterId: "job_' OR 1=1" })],
      ['matches.list limit', () => ana.client.matches.list.query({ limit: 101 })],
      ['matches.list score', () => ana.client.matches.list.query({ minScore: 2 })],
      ['feedback rating', () => ana.client.feedback.set.mutate({ clusterId: String(job?.clusterId), rating: 6 })],
      ['applications status', () => ana.client.applications.create.mutate({ clusterId: String(job?.clusterId), status: 'hired' as never })],
      ['applications note length', () => ana.client.applications.create.mutate({ clusterId: String(job?.clusterId), note: 'x'.repeat(2001) })],
      ['source url javascript:', () => ana.client.sources.create.mutate({ name: 'x', config: { kind: 'rss', url: 'javascript:alert(1)' } })],
      ['source url file:', () => ana.client.sources.create.mutate({ name: 'x', config: { kind: 'rss', url: 'file:///etc/passwd' } })],
      ['source url ftp:', () => ana.client.sources.create.mutate({ name: 'x', config: { kind: 'rss', url: 'ftp://vagas.example/feed' } })],
      ['source name length', () => ana.client.sources.create.mutate({ name: 'x'.repeat(201), config: { kind: 'rss', url: 'https://vagas.example/feed' } })],
      ['profile skills count', () => ana.client.profile.update.mutate({ country: 'BR', timezone: null, yearsExperience: 1, seniority: null, skills: Array.from({ length: 501 }, (_, i) => `s${i}`), salaryFloorUsdMonth: null, remoteScopes: [], languages: [] })],
      ['profile years', () => ana.client.profile.update.mutate({ country: 'BR', timezone: null, yearsExperience: 61, seniority: null, skills: [], salaryFloorUsdMonth: null, remoteScopes: [], languages: [] })],
      ['sign-up locale', () => anon.auth.signUp.mutate({ email: 'loc@example.com', password: 'a long enough passphrase', displayName: 'x', locale: 'xx' as never })],
      ['sign-up display name', () => anon.auth.signUp.mutate({ email: 'name@example.com', password: 'a long enough passphrase', displayName: 'x'.repeat(101) })],
    ];
    for (const [what, call] of refused) expect((await failure(call))?.data?.code, what).toBe('BAD_REQUEST');

    const raw = await fetch(`${app.baseUrl}/trpc/jobs.search?input=${encodeURIComponent(JSON.stringify({ limit: 1e9, q: "'; DROP TABLE postings; --".repeat(20) }))}`);
    expect(raw.status).toBe(400);
    const text = await raw.text();
    expect(text).not.toMatch(/stack|\.ts:\d|SELECT |FROM |duckdb/i);
    const body = JSON.parse(text) as { error: { message: string; code: number; data: { code: string; httpStatus: number; issues: { path: string[] }[] } } };
    expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
    expect(body.error.data.issues.map((i) => i.path.join('.')).sort()).toEqual(['limit', 'q']);
  });
});
