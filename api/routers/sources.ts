import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { customSourceConfigSchema, sourceFields, usesSecrets, type CustomSourceConfig } from '../../activities/ingest/custom/config.js';
import { trySourceConfig } from '../../activities/ingest/custom/fetch-custom-source.js';
import { RequestBudget } from '../../activities/ingest/custom/request-budget.js';
import { parseAllowList, type NetworkPolicy } from '../../activities/ingest/network-policy.js';
import { sourcesWithHealth } from '../../warehouse/core.js';
import {
  countOwnedSources,
  insertCustomSource,
  removeCustomSource,
  setCustomSourceEnabled,
  updateCustomSource,
  type SourceActor,
} from '../../warehouse/custom-sources.js';
import { adminProcedure, router, userProcedure } from '../trpc.js';

/** Sources one user may have in use: each is fetched every pipeline run. */
export const MAX_SOURCES_PER_USER = 20;
/** Each test makes requests to the tested site from this server: a user may not turn it into a load generator. */
const TRIALS_PER_USER = { per_minute: 10, per_day: 300 };
const trials = new RequestBudget();

const sourceInput = z.object({ name: z.string().trim().min(1).max(200), config: customSourceConfigSchema });
const sourceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);

/**
 * Tests reach the same sites as the fetch workers, so they obey the same SOURCE_ALLOWLIST (read from
 * the environment, which the app process shares with its workers); nothing else is reachable.
 */
const testPolicy = (): NetworkPolicy => ({ allowPrivate: false, allowList: parseAllowList(process.env.SOURCE_ALLOWLIST) });

function actorOf(user: { id: string; role: 'user' | 'admin' }): SourceActor {
  return { userId: user.id, isAdmin: user.role === 'admin' };
}

/** `${CUSTOM_SOURCE_…}` secrets live in the server's environment: only its operators may point a source at one. */
function assertMaySend(config: CustomSourceConfig, role: 'user' | 'admin'): void {
  if (usesSecrets(config) && role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'only operators may use ${CUSTOM_SOURCE_…} secrets: they belong to the server, which would send them to this endpoint' });
  }
}

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'no such source of yours' });

function newSourceRow(input: z.infer<typeof sourceInput>) {
  return { id: `custom-${randomBytes(6).toString('hex')}`, name: input.name, config: input.config, ...sourceFields(input.config) };
}

export const sourcesRouter = router({
  /** Every source with its latest fetch: last success, last error, items. */
  list: adminProcedure.query(({ ctx }) => ctx.warehouse.withConnection(sourcesWithHealth)),

  /** The caller's own custom sources, with their configuration and latest fetch. */
  mine: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => sourcesWithHealth(conn, { ownerUserId: ctx.user.id }))),

  /** Validates a configuration and reads its first page; stores nothing. Errors come back as data, as the source's health would show them. */
  test: userProcedure
    .input(z.object({ config: customSourceConfigSchema, samples: z.number().int().min(1).max(20).default(5) }))
    .mutation(async ({ ctx, input }) => {
      assertMaySend(input.config, ctx.user.role);
      if (trials.delayFor(ctx.user.id, TRIALS_PER_USER) !== 0) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `at most ${TRIALS_PER_USER.per_minute} source tests a minute and ${TRIALS_PER_USER.per_day} a day` });
      }
      trials.record(ctx.user.id);
      return trySourceConfig(input.config, { policy: testPolicy(), samples: input.samples });
    }),

  /** A custom source of the caller's own; the pipeline ingests it from its next run while enabled. */
  create: userProcedure.input(sourceInput.extend({ enabled: z.boolean().default(true) })).mutation(async ({ ctx, input }) => {
    assertMaySend(input.config, ctx.user.role);
    const row = newSourceRow(input);
    await ctx.warehouse.transaction(async (conn) => {
      if ((await countOwnedSources(conn, ctx.user.id)) >= MAX_SOURCES_PER_USER) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `at most ${MAX_SOURCES_PER_USER} sources per user; remove one first` });
      }
      await insertCustomSource(conn, { ...row, enabled: input.enabled, ownerUserId: ctx.user.id });
    });
    return { id: row.id };
  }),

  /** A custom source for everyone (no owner); operators only. */
  createGlobal: adminProcedure.input(sourceInput.extend({ enabled: z.boolean().default(true) })).mutation(async ({ ctx, input }) => {
    const row = newSourceRow(input);
    await ctx.warehouse.withConnection((conn) => insertCustomSource(conn, { ...row, enabled: input.enabled, ownerUserId: null }));
    return { id: row.id };
  }),

  /** Replaces a source's name and configuration: the caller's own, or (operators) a global one. */
  update: userProcedure.input(sourceInput.extend({ id: sourceId })).mutation(async ({ ctx, input }) => {
    assertMaySend(input.config, ctx.user.role);
    const updated = await ctx.warehouse.withConnection((conn) =>
      updateCustomSource(conn, actorOf(ctx.user), { id: input.id, name: input.name, config: input.config, ...sourceFields(input.config) }),
    );
    if (!updated) throw notFound();
    return { id: input.id };
  }),

  setEnabled: userProcedure.input(z.object({ id: sourceId, enabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const changed = await ctx.warehouse.withConnection((conn) => setCustomSourceEnabled(conn, actorOf(ctx.user), input.id, input.enabled));
    if (!changed) throw notFound();
    return { id: input.id, enabled: input.enabled };
  }),

  /** Stops fetching a source and takes its postings out of the listings; what was ingested stays in the warehouse. */
  remove: userProcedure.input(z.object({ id: sourceId })).mutation(async ({ ctx, input }) => {
    const removed = await ctx.warehouse.transaction((conn) => removeCustomSource(conn, actorOf(ctx.user), input.id));
    if (!removed) throw notFound();
    return { id: input.id };
  }),
});
