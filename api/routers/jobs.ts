import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { CURRENCIES, convert, defaultFxTable } from '../../activities/normalize/fx.js';
import { getJob, listJobs, searchJobs, type JobSearch, type SearchKey } from '../../warehouse/job-queries.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { queryTerms } from '../../warehouse/search-words.js';
import { publicProcedure, router } from '../trpc.js';

const SCOPES = ['global', 'latam', 'americas', 'brazil', 'countries', 'onsite', 'hybrid', 'unknown'] as const;
const SENIORITY = ['intern', 'junior', 'mid', 'senior', 'staff', 'lead'] as const;
const CONTRACTS = ['clt', 'pj', 'contractor', 'freelance', 'internship'] as const;
const LANGUAGES = ['pt', 'es', 'en'] as const;
const skillId = z.string().regex(/^[a-z0-9][a-z0-9+#.-]{0,79}$/);
const clusterId = z.string().regex(/^job_[0-9a-f]{24}$/);
/** A query of more words than this is refused rather than silently cut. */
const MAX_QUERY_WORDS = 8;

const searchInput = z.object({
  /** Words in the title, company or description, in any of the three languages; the last one may be unfinished. */
  q: z.string().max(200).optional(),
  skills: z.array(skillId).max(10).optional(),
  /** `latam` (default): only jobs someone living in Latin America may take. */
  remote: z.enum(['latam', 'any']).default('latam'),
  scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length).optional(),
  /** Open to someone living in one of these countries. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(20).optional(),
  seniority: z.array(z.enum(SENIORITY)).min(1).max(SENIORITY.length).optional(),
  contractTypes: z.array(z.enum(CONTRACTS)).min(1).max(CONTRACTS.length).optional(),
  languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length).optional(),
  /** At least this much a month, in the caller's currency (converted at the dated table in models/fx). */
  salaryFloor: z.object({ amount: z.number().positive().max(100_000_000), currency: z.enum(CURRENCIES) }).optional(),
  postedWithinDays: z.number().int().min(1).max(365).optional(),
  sources: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)).min(1).max(20).optional(),
  includeInactive: z.boolean().default(false),
  /** `match` ranks by the caller's score from the active matcher; signed in only. */
  sort: z.enum(['date', 'match']).default('date'),
  /** `nextCursor` of the previous page, unchanged. */
  cursor: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
type SearchInput = z.infer<typeof searchInput>;

const cursorSchema = z.object({
  v: z.literal(1),
  /** Fingerprint of the search the cursor belongs to. */
  f: z.string().regex(/^[0-9a-f]{16}$/),
  k: z.discriminatedUnion('sort', [
    z.object({ sort: z.literal('date'), firstSeenUs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), clusterId }),
    z.object({ sort: z.literal('match'), score: z.number().min(-1).max(1), clusterId }),
  ]),
});

/** The search a cursor continues: every input but the cursor and the page size. */
function fingerprint(input: SearchInput, userId: string | null): string {
  const search = { ...input, cursor: undefined, limit: undefined };
  return createHash('sha256').update(JSON.stringify({ search, userId })).digest('hex').slice(0, 16);
}

// Cursors are signed, so a changed one is refused rather than read. The key lives as long as the
// process: after a restart a client starts its search again from the first page.
const CURSOR_KEY = randomBytes(32);
const signature = (payload: string) => createHmac('sha256', CURSOR_KEY).update(payload).digest().subarray(0, 16);

/** Opaque to clients: the last key of a page and which search it belongs to, signed. */
function encodeCursor(key: SearchKey, input: SearchInput, userId: string | null): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, f: fingerprint(input, userId), k: key })).toString('base64url');
  return `${payload}.${signature(payload).toString('base64url')}`;
}

function decodeCursor(cursor: string, input: SearchInput, userId: string | null): SearchKey {
  const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload)) throw bad('invalid cursor');
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad('invalid cursor');
  const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) throw bad('invalid cursor');
  if (parsed.data.f !== fingerprint(input, userId) || parsed.data.k.sort !== input.sort) throw bad('the cursor belongs to another search');
  return parsed.data.k;
}

/** A salary floor as a comparison on the USD or BRL monthly columns. */
function salaryFloor(floor: NonNullable<SearchInput['salaryFloor']>): JobSearch['salaryFloor'] {
  if (floor.currency === 'BRL') return { column: 'brl', amount: floor.amount };
  return { column: 'usd', amount: convert(floor.amount, floor.currency, 'USD', defaultFxTable()) };
}

export const jobsRouter = router({
  list: publicProcedure
    .input(
      z.object({
        includeInactive: z.boolean().default(false),
        q: z.string().trim().min(1).max(100).optional(),
        skill: skillId.optional(),
        scope: z.enum(SCOPES).optional(),
        seniority: z.enum(SENIORITY).optional(),
        language: z.enum(LANGUAGES).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(10_000).default(0),
      }),
    )
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => listJobs(conn, { ...input, viewer: ctx.user?.id ?? null }))),

  /**
   * Search with filters, full text and keyset pages, over the search read model the pipeline keeps
   * (warehouse/search-index.ts). Signed in, each card carries the caller's match score. Every jobs
   * procedure shows public jobs and the caller's own (found only on their sources), with the places
   * to apply on public sources and theirs.
   */
  search: publicProcedure.input(searchInput).query(async ({ ctx, input }) => {
    const userId = ctx.user?.id ?? null;
    if (input.sort === 'match' && !userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in to sort by match' });
    const text = input.q?.trim() ? queryTerms(input.q) : undefined;
    if (text && text.exact.length + (text.prefix ? 1 : 0) > MAX_QUERY_WORDS) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `search for at most ${MAX_QUERY_WORDS} words at a time` });
    }
    const after = input.cursor ? decodeCursor(input.cursor, input, userId) : null;
    const search = {
      viewer: userId,
      text,
      skills: input.skills,
      latamOnly: input.remote === 'latam',
      scopes: input.scopes,
      countries: input.countries,
      seniority: input.seniority,
      contractTypes: input.contractTypes,
      languages: input.languages,
      salaryFloor: input.salaryFloor && salaryFloor(input.salaryFloor),
      postedSinceUs: input.postedWithinDays === undefined ? undefined : (Date.now() - input.postedWithinDays * 86_400_000) * 1000,
      sources: input.sources,
      includeInactive: input.includeInactive,
      sort: input.sort,
      after,
      limit: input.limit,
    };
    const page =
      (await ctx.readModel?.searchJobs({ ...search, scoredFor: userId ? { userId } : null })) ??
      (await ctx.warehouse.withConnection(async (conn) => {
        const scoredFor = userId ? { userId, modelVersion: (await activeModelVersion(conn, 'matcher')).version } : null;
        return searchJobs(conn, { ...search, scoredFor });
      }));
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next, input, userId) : null };
  }),

  get: publicProcedure.input(z.object({ clusterId })).query(async ({ ctx, input }) => {
    // Another user's own job is answered exactly like an unknown one.
    const job = await ctx.warehouse.withConnection((conn) => getJob(conn, input.clusterId, ctx.user?.id ?? null));
    if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `no job ${input.clusterId}` });
    return job;
  }),
});
