import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { resumeDraftSchema } from '../../activities/resume/draft.js';
import { ResumeError, screenResume } from '../../activities/resume/extract-text.js';
import { profileFromDraft } from '../../activities/resume/profile-from-draft.js';
import type { ResumeStore } from '../../activities/resume/resume-store.js';
import { getProfile, profileSchema, upsertProfile } from '../../warehouse/app.js';
import { countRecentUploads, getResume, insertResume, listResumes, markAccepted, markFailed, MEDIA_TYPES } from '../../warehouse/resumes.js';
import { readResumeProgress, resumeWorkflowId, signalAccepted, startResumeWorkflow } from '../../workflows/resume-client.js';
import type { ApiContext } from '../context.js';
import { router, userProcedure } from '../trpc.js';

/** What the résumé procedures need from the process: where files go, and the upload limit. */
export interface ResumeDeps {
  store: ResumeStore;
  maxBytes: number;
}

/** Uploads per user per day: parsing costs CPU (and API calls with a key), so it is rationed. */
const UPLOADS_PER_DAY = 20;

const resumeId = z.object({ id: z.uuid() });

/** What the user accepts after review: the profile matching uses, and the résumé fields as edited. */
export const acceptInput = resumeId.extend({
  profile: profileSchema.omit({ userId: true, displayName: true }),
  resume: resumeDraftSchema.pick({ name: true, contact: true, experience: true, education: true, languages: true, skills: true }),
});

function resumeDeps(ctx: ApiContext): ResumeDeps {
  if (!ctx.resumes) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'résumé uploads are not available on this server' });
  return ctx.resumes;
}

function temporalOf(ctx: ApiContext) {
  if (!ctx.temporal) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'résumé parsing is not available on this server right now; try again later' });
  return ctx.temporal;
}

/** A refusal at the door, in the same words extraction would use: the file is never stored. */
function refused(error: ResumeError): TRPCError {
  const code = error.code === 'too_large' ? 'PAYLOAD_TOO_LARGE' : error.code === 'unsupported_type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
  return new TRPCError({ code, message: error.message });
}

async function owned(ctx: ApiContext & { user: { id: string } }, id: string) {
  const row = await ctx.warehouse.withConnection((conn) => getResume(conn, ctx.user.id, id));
  // Someone else's résumé and one that does not exist look the same.
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such résumé' });
  return row;
}

export const resumeRouter = router({
  /**
   * multipart/form-data with the file in the field `file` (the tRPC client sends a FormData input
   * as such through httpLink). The type is judged from the bytes, never the name; the file is
   * stored once per content, and parsing starts as a resumeWorkflow.
   */
  upload: userProcedure
    .use(async ({ ctx, getRawInput, next }) => {
      // The body is read here, after authentication: an over-limit body is cut off by the transport.
      try {
        await getRawInput();
      } catch (error) {
        if (error instanceof TRPCError && error.code === 'PAYLOAD_TOO_LARGE') {
          const limit = (resumeDeps(ctx).maxBytes / (1024 * 1024)).toFixed(1);
          throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `This file is over the ${limit} MB limit. Please upload a smaller PDF or DOCX.` });
        }
        throw error;
      }
      return next();
    })
    .input(z.instanceof(FormData))
    .mutation(async ({ ctx, input }) => {
      const deps = resumeDeps(ctx);
      const temporal = temporalOf(ctx);
      const file = input.get('file');
      if (!(file instanceof Blob)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'send the résumé as the form field "file"' });
      const recent = await ctx.warehouse.withConnection((conn) => countRecentUploads(conn, ctx.user.id, 24));
      if (recent >= UPLOADS_PER_DAY) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `You have uploaded ${recent} résumés in the last 24 hours; please try again tomorrow.` });
      const bytes = new Uint8Array(await file.arrayBuffer());
      let type: 'pdf' | 'docx';
      try {
        type = screenResume(bytes, deps.maxBytes);
      } catch (error) {
        if (error instanceof ResumeError) throw refused(error);
        throw error;
      }
      const { sha256, stored } = deps.store.put(bytes);
      const id = randomUUID();
      const fileName = file instanceof File && file.name ? file.name.slice(0, 255) : null;
      await ctx.warehouse.withConnection((conn) =>
        insertResume(conn, { id, userId: ctx.user.id, sha256, sizeBytes: bytes.length, mediaType: MEDIA_TYPES[type], fileName, workflowId: resumeWorkflowId(id) }),
      );
      try {
        await startResumeWorkflow(temporal, { resumeId: id, userId: ctx.user.id });
      } catch (error) {
        await ctx.warehouse.withConnection((conn) => markFailed(conn, { id, code: 'internal', message: 'Parsing could not be started. Please try uploading again.' }));
        throw error;
      }
      return { id, status: 'queued' as const, sha256, mediaType: MEDIA_TYPES[type], sizeBytes: bytes.length, alreadyStored: !stored };
    }),

  /** Every upload of the caller, newest first. */
  list: userProcedure.query(({ ctx }) => ctx.warehouse.withConnection((conn) => listResumes(conn, ctx.user.id))),

  /** The stored status, and the workflow's stage-by-stage progress while Temporal can tell it. */
  status: userProcedure.input(resumeId).query(async ({ ctx, input }) => {
    const row = await owned(ctx, input.id);
    const progress = ctx.temporal ? await readResumeProgress(ctx.temporal, row.id).catch(() => null) : null;
    return {
      id: row.id,
      status: row.status,
      error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
      parsePath: row.parsePath,
      parseModel: row.parseModel,
      parseFallback: row.parseFallback,
      progress,
    };
  }),

  /**
   * The parsed draft for review: every field with its evidence (offsets into `text`), the profile
   * it suggests (what the résumé says over the current profile), and what was accepted, if anything.
   */
  draft: userProcedure.input(resumeId).query(async ({ ctx, input }) => {
    const row = await owned(ctx, input.id);
    if (row.status === 'failed') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: row.errorMessage ?? 'this résumé could not be parsed' });
    if (!row.draft || row.text === null) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'this résumé is still being parsed' });
    const current = await ctx.warehouse.withConnection((conn) => getProfile(conn, ctx.user.id));
    return {
      id: row.id,
      status: row.status,
      fileName: row.fileName,
      parsePath: row.parsePath,
      text: row.text,
      draft: row.draft,
      suggestedProfile: profileFromDraft(row.draft, current),
      accepted: row.accepted as Omit<z.infer<typeof acceptInput>, 'id'> | null,
      skillGaps: row.skillGaps,
    };
  }),

  /** The reviewed draft becomes the active profile; then the workflow rescores and reads skill gaps. */
  accept: userProcedure.input(acceptInput).mutation(async ({ ctx, input }) => {
    const row = await owned(ctx, input.id);
    if (row.status !== 'draft' && row.status !== 'accepted') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `a ${row.status} résumé cannot be accepted` });
    const { id, ...accepted } = input;
    await ctx.warehouse.transaction(async (conn) => {
      if (!(await markAccepted(conn, { id, userId: ctx.user.id, accepted }))) throw new TRPCError({ code: 'CONFLICT', message: 'this résumé changed meanwhile; reload it' });
      await upsertProfile(conn, { ...input.profile, userId: ctx.user.id, displayName: ctx.user.displayName });
    });
    // The profile is saved either way; without Temporal the next pipeline run rescores it.
    let rescore: 'started' | 'deferred' = 'deferred';
    if (ctx.temporal) {
      await signalAccepted(ctx.temporal, { resumeId: id, userId: ctx.user.id });
      rescore = 'started';
    }
    return { profile: await ctx.warehouse.withConnection((conn) => getProfile(conn, ctx.user.id)), rescore };
  }),
});
