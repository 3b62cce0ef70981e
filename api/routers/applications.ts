import { TRPCError } from '@trpc/server';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { suggestFollowUp } from '../../activities/applications/follow-up.js';
import { funnelAnalytics } from '../../activities/applications/funnel.js';
import { interviewPrep } from '../../activities/applications/interview-prep.js';
import { DAY_MS } from '../../activities/applications/quantile.js';
import { SALARY_WINDOW_DAYS, salaryNegotiation } from '../../activities/applications/salary-negotiation.js';
import { INITIAL_STATUSES, IllegalTransitionError, TRANSITIONS, assertTransition } from '../../activities/applications/status-machine.js';
import { shippedSkillGraph } from '../../activities/skills/skill-graph.js';
import {
  APPLICATION_STATUSES,
  applicationIdForJob,
  changeStatus,
  deleteContact,
  getApplication,
  insertApplication,
  insertContact,
  jobToTrack,
  listApplications,
  listContacts,
  listEvents,
  recordEvent,
  salaryFactsOf,
  salaryPeers,
  setNextAction,
  statusHistories,
  type Application,
} from '../../warehouse/applications.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { router, userProcedure } from '../trpc.js';
import { asUserError } from './skills.js';

const clusterId = z.string().regex(/^job_[0-9a-f]{24}$/);
const id = z.string().regex(/^app_[0-9a-f]{24}$/);
const contactId = z.string().regex(/^ctc_[0-9a-f]{24}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
const source = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a source id, or company_site, referral, recruiter, other');
// Clocks differ a little between the browser and the server; a change dated later than that is refused.
const CLOCK_SKEW_MS = 5 * 60_000;
const BACKDATE_LIMIT_DAYS = 365;
/** When something happened, if not now: within the last year, not in the future. */
const when = z.iso
  .datetime({ offset: true })
  .refine((at) => new Date(at).getTime() <= Date.now() + CLOCK_SKEW_MS, 'cannot be in the future')
  .refine((at) => new Date(at).getTime() >= Date.now() - BACKDATE_LIMIT_DAYS * DAY_MS, `at most ${BACKDATE_LIMIT_DAYS} days ago`)
  .optional();

/** The caller's application, or NOT_FOUND: another user's id is answered exactly like an unknown one. */
async function owned(conn: DuckDBConnection, userId: string, applicationId: string): Promise<Application> {
  const application = await getApplication(conn, userId, applicationId);
  if (!application) throw new TRPCError({ code: 'NOT_FOUND', message: `no application ${applicationId}` });
  return application;
}

async function details(conn: DuckDBConnection, userId: string, application: Application) {
  return {
    ...application,
    allowedMoves: TRANSITIONS[application.status],
    events: await listEvents(conn, userId, application.id),
    contacts: await listContacts(conn, userId, application.id),
  };
}

export const applicationsRouter = router({
  /** Starts tracking a job, saved or already applied to; `source` says where (default: the board the job came from). */
  create: userProcedure
    .input(z.object({ clusterId, status: z.enum(INITIAL_STATUSES).default('saved'), source: source.optional(), note: text(2000).optional(), at: when }))
    .mutation(({ ctx, input }) =>
      ctx.warehouse.transaction(async (conn) => {
        const model = await activeModelVersion(conn, 'matcher');
        const job = await jobToTrack(conn, { userId: ctx.user.id, clusterId: input.clusterId, modelVersion: model.version });
        if (!job) throw new TRPCError({ code: 'NOT_FOUND', message: `no job ${input.clusterId}` });
        const created = await insertApplication(conn, {
          userId: ctx.user.id,
          clusterId: input.clusterId,
          status: input.status,
          source: input.source ?? job.sourceId,
          matchScore: job.matchScore,
          at: input.at ?? new Date().toISOString(),
          note: input.note ?? null,
        });
        if (!created) {
          throw new TRPCError({ code: 'CONFLICT', message: `you already track this job as ${await applicationIdForJob(conn, ctx.user.id, input.clusterId)}` });
        }
        return details(conn, ctx.user.id, await owned(conn, ctx.user.id, created));
      }),
    ),

  list: userProcedure
    .input(z.object({ status: z.enum(APPLICATION_STATUSES).optional(), limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).max(10_000).default(0) }))
    .query(({ ctx, input }) => ctx.warehouse.withConnection((conn) => listApplications(conn, ctx.user.id, input))),

  /** One application with its event history (oldest first), contacts and the moves allowed from its status. */
  get: userProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    ctx.warehouse.withConnection(async (conn) => details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id))),
  ),

  /** Moves the application to another status (see TRANSITIONS); `at` backdates the move, never before the current status began. */
  moveStatus: userProcedure
    .input(z.object({ id, to: z.enum(APPLICATION_STATUSES), note: text(2000).optional(), at: when }))
    .mutation(({ ctx, input }) =>
      ctx.warehouse.transaction(async (conn) => {
        const application = await owned(conn, ctx.user.id, input.id);
        try {
          assertTransition(application.status, input.to);
        } catch (error) {
          if (error instanceof IllegalTransitionError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
          throw error;
        }
        const at = input.at ?? new Date().toISOString();
        if (new Date(at) < new Date(application.statusChangedAt)) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: `the move cannot be dated before the current status began (${application.statusChangedAt})` });
        }
        const moved = await changeStatus(conn, { userId: ctx.user.id, id: input.id, from: application.status, to: input.to, at, note: input.note ?? null });
        if (!moved) throw new TRPCError({ code: 'CONFLICT', message: 'the application changed meanwhile: reload it' });
        return details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id));
      }),
    ),

  addNote: userProcedure.input(z.object({ id, text: text(2000) })).mutation(({ ctx, input }) =>
    ctx.warehouse.transaction(async (conn) => {
      const application = await owned(conn, ctx.user.id, input.id);
      await recordEvent(conn, { userId: ctx.user.id, id: application.id, kind: 'note', text: input.text });
      return details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id));
    }),
  ),

  /** The next thing to do and when (null clears it); recorded in the history too. */
  setNextAction: userProcedure
    .input(z.object({ id, action: text(200).nullable(), dueOn: z.iso.date().nullable() }))
    .mutation(({ ctx, input }) =>
      ctx.warehouse.transaction(async (conn) => {
        const application = await owned(conn, ctx.user.id, input.id);
        await setNextAction(conn, { userId: ctx.user.id, id: application.id, action: input.action, due: input.action ? input.dueOn : null });
        const said = input.action ? `${input.action}${input.dueOn ? ` (by ${input.dueOn})` : ''}` : 'cleared';
        await recordEvent(conn, { userId: ctx.user.id, id: application.id, kind: 'next_action', text: said });
        return details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id));
      }),
    ),

  addContact: userProcedure
    .input(
      z.object({
        id,
        name: text(200),
        role: text(200).optional(),
        email: z.email().max(254).optional(),
        url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
        note: text(2000).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.warehouse.transaction(async (conn) => {
        const application = await owned(conn, ctx.user.id, input.id);
        await insertContact(conn, {
          userId: ctx.user.id,
          applicationId: application.id,
          name: input.name,
          role: input.role ?? null,
          email: input.email ?? null,
          url: input.url ?? null,
          note: input.note ?? null,
        });
        await recordEvent(conn, { userId: ctx.user.id, id: application.id, kind: 'contact', text: `added ${input.name}` });
        return details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id));
      }),
    ),

  removeContact: userProcedure.input(z.object({ id, contactId })).mutation(({ ctx, input }) =>
    ctx.warehouse.transaction(async (conn) => {
      const application = await owned(conn, ctx.user.id, input.id);
      const name = await deleteContact(conn, { userId: ctx.user.id, applicationId: application.id, contactId: input.contactId });
      if (name === null) throw new TRPCError({ code: 'NOT_FOUND', message: `no contact ${input.contactId}` });
      await recordEvent(conn, { userId: ctx.user.id, id: application.id, kind: 'contact', text: `removed ${name}` });
      return details(conn, ctx.user.id, await owned(conn, ctx.user.id, input.id));
    }),
  ),

  /** Conversion between stages, time in stage, and response rates by source and match band, over all the caller's applications. */
  funnel: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection(async (conn) => funnelAnalytics(await statusHistories(conn, ctx.user.id)))),

  /** When to follow up on one application: the documented default wait, or the caller's own history once there is enough. */
  followUp: userProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    ctx.warehouse.withConnection(async (conn) => {
      await owned(conn, ctx.user.id, input.id);
      const histories = await statusHistories(conn, ctx.user.id);
      return suggestFollowUp(histories.find((h) => h.id === input.id) as (typeof histories)[number], histories, new Date());
    }),
  ),

  /** Follow-up suggestions for every application with something to do, soonest first. */
  followUps: userProcedure.query(({ ctx }) =>
    ctx.warehouse.withConnection(async (conn) => {
      const histories = await statusHistories(conn, ctx.user.id);
      const now = new Date();
      return histories
        .map((h) => suggestFollowUp(h, histories, now))
        .filter((s) => s.action !== 'none')
        .sort((a, b) => String(a.followUpOn).localeCompare(String(b.followUpOn)) || a.applicationId.localeCompare(b.applicationId));
    }),
  ),

  /** The job's required skills with the caller's evidence for each, and the skill gap for this job. */
  interviewPrep: userProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    ctx.warehouse.withConnection(async (conn) => {
      const application = await owned(conn, ctx.user.id, input.id);
      return asUserError(() => interviewPrep(conn, ctx.user.id, application, { graph: shippedSkillGraph() }));
    }),
  ),

  /** Market quartiles (USD and BRL per month, CLT and PJ apart) of jobs like this one, with sample sizes; null figures when too few. */
  salaryNegotiation: userProcedure.input(z.object({ id })).query(({ ctx, input }) =>
    ctx.warehouse.withConnection(async (conn) => {
      const application = await owned(conn, ctx.user.id, input.id);
      const { facts, ownSourcesOnly } = await salaryFactsOf(conn, application.clusterId);
      if (!facts) {
        const message = ownSourcesOnly
          ? 'market figures come from public jobs, and this one was found only on your own sources'
          : 'market figures for this job appear after the next pipeline run';
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message });
      }
      return salaryNegotiation(facts, await salaryPeers(conn, { days: SALARY_WINDOW_DAYS, excludeClusterId: application.clusterId }));
    }),
  ),
});
