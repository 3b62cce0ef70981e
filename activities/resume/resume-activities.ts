// The résumé workflow's activities. Fetch queue: text extraction, structuring and skill
// normalization, which never open the warehouse and read/write only staging files (claim check).
// Pipeline queue: the warehouse side (the résumé row, the draft, matches, skill gaps).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../cli/config.js';
import type { Warehouse } from '../../warehouse/db.js';
import { activeModelVersion, listMatches } from '../../warehouse/ml.js';
import { getProfile } from '../../warehouse/app.js';
import { getResumeForWorkflow, markFailed, markParsing, saveDraft, saveSkillGaps } from '../../warehouse/resumes.js';
import type { SkillMatcher } from '../normalize/skills.js';
import { PermanentError } from '../errors.js';
import type { Staging } from '../staging.js';
import { asActivity } from '../temporal-wrap.js';
import { ANTHROPIC_DEFAULTS, normalizeResumeSkills, structureResumeText, type AnthropicSettings, type FallbackReason, type ParsePath, type StructuredResume } from './anthropic-structure.js';
import type { ResumeDraft } from './draft.js';
import { extractResumeText, ResumeError, type ExtractedResume, type ResumeErrorCode } from './extract-text.js';
import { ResumeStore } from './resume-store.js';
import { topMissingSkills } from './skill-gaps.js';
import { resumeText } from './structure.js';

/** How many of the user's best matches the skill-gap reading looks at. */
const GAP_MATCHES = 20;

/** Where uploaded files are kept: under the data folder, owned by the app process like the warehouse. */
export const resumeStoreFor = (config: Pick<Config, 'dataDir'>) => new ResumeStore(join(config.dataDir, 'resumes'));

/** The Anthropic settings when ANTHROPIC_API_KEY is set (read here, so the key never sits in the config object). */
export function anthropicFromEnv(config: Pick<Config, 'anthropicModel'>, env: NodeJS.ProcessEnv = process.env): AnthropicSettings | null {
  const apiKey = env.ANTHROPIC_API_KEY;
  if (!apiKey) return null;
  return { apiKey, model: config.anthropicModel, baseURL: env.ANTHROPIC_BASE_URL || undefined, ...ANTHROPIC_DEFAULTS };
}

function readStaged<T>(staging: Staging, path: string): T {
  const [line] = readFileSync(staging.check(path), 'utf8').split('\n');
  if (!line) throw new PermanentError(`staged file ${path} is empty`);
  return JSON.parse(line) as T;
}

type StagedText = Omit<ExtractedResume, 'text'> & { text: string };
type Extracted = { ok: true; path: string; type: 'pdf' | 'docx'; pages: number; chars: number } | { ok: false; code: ResumeErrorCode; message: string };

export function createResumeFetchActivities(deps: { staging: Staging; skills: SkillMatcher; anthropic: AnthropicSettings | null; maxBytes: number }) {
  const { staging } = deps;
  return {
    /** A file we cannot read faithfully is an outcome (failed, with the reason), not an error to retry. */
    async extractResume(input: { runId: string; path: string }): Promise<Extracted> {
      return asActivity(async () => {
        try {
          const extracted = await extractResumeText(readFileSync(staging.check(input.path)), { maxBytes: deps.maxBytes });
          const text = resumeText(extracted.text);
          const staged = staging.writeNdjson(staging.pathFor(input.runId, 'resume', 'text'), [{ ...extracted, text } satisfies StagedText]);
          return { ok: true, path: staged.path, type: extracted.type, pages: extracted.pages, chars: text.length };
        } catch (error) {
          if (error instanceof ResumeError) return { ok: false, code: error.code, message: error.message };
          throw error;
        }
      });
    },

    async structureResume(input: { runId: string; textPath: string }): Promise<{ path: string; parsePath: ParsePath; model: string | null; fallback: { reason: FallbackReason; detail: string } | null }> {
      return asActivity(async () => {
        const { text, prominentLine } = readStaged<StagedText>(staging, input.textPath);
        const structured = await structureResumeText(text, { now: new Date(), anthropic: deps.anthropic }, { prominentLine });
        const staged = staging.writeNdjson(staging.pathFor(input.runId, 'resume', 'structured'), [structured]);
        return { path: staged.path, parsePath: structured.path, model: structured.model, fallback: structured.fallback };
      });
    },

    async normalizeResumeSkills(input: { runId: string; textPath: string; structuredPath: string }): Promise<{ path: string; skills: number }> {
      return asActivity(async () => {
        const { text } = readStaged<StagedText>(staging, input.textPath);
        const draft = normalizeResumeSkills(readStaged<StructuredResume>(staging, input.structuredPath), text, deps.skills);
        const staged = staging.writeNdjson(staging.pathFor(input.runId, 'resume', 'draft'), [draft]);
        return { path: staged.path, skills: draft.skills.length };
      });
    },
  };
}

export function createResumePipelineActivities(deps: { warehouse: Warehouse; staging: Staging; store: ResumeStore }) {
  const { warehouse, staging, store } = deps;
  const resume = async (id: string) => {
    const row = await warehouse.withConnection((conn) => getResumeForWorkflow(conn, id));
    if (!row) throw new PermanentError(`résumé ${id} does not exist`);
    return row;
  };
  return {
    /** Claim check: a copy of the stored file where any fetch worker can read it. */
    async stageResumeFile(input: { runId: string; resumeId: string }): Promise<{ path: string }> {
      return asActivity(async () => {
        const row = await resume(input.resumeId);
        await warehouse.withConnection((conn) => markParsing(conn, input.resumeId));
        const path = staging.check(join(staging.root, input.runId.replace(/[^A-Za-z0-9._-]/g, '_'), 'resume', row.sha256));
        store.copyTo(row.sha256, path);
        return { path };
      });
    },

    async saveResumeDraft(input: {
      resumeId: string;
      textPath: string;
      draftPath: string;
      parsePath: ParsePath;
      model: string | null;
      fallback: { reason: FallbackReason; detail: string } | null;
    }): Promise<void> {
      return asActivity(async () => {
        const { text, pages } = readStaged<StagedText>(staging, input.textPath);
        const draft = readStaged<ResumeDraft>(staging, input.draftPath);
        await warehouse.withConnection((conn) =>
          saveDraft(conn, {
            id: input.resumeId,
            text,
            pages,
            draft,
            parsePath: input.parsePath,
            parseModel: input.model,
            parseFallback: input.fallback ? `${input.fallback.reason}: ${input.fallback.detail}` : null,
          }),
        );
      });
    },

    async failResume(input: { resumeId: string; code: string; message: string }): Promise<void> {
      return asActivity(() => warehouse.withConnection((conn) => markFailed(conn, { id: input.resumeId, code: input.code, message: input.message })));
    },

    /** The top missing skills across the user's best matches, stored with the résumé. */
    async resumeSkillGaps(input: { resumeId: string; userId: string }): Promise<{ gaps: number; matches: number }> {
      return asActivity(() =>
        warehouse.withConnection(async (conn) => {
          const model = await activeModelVersion(conn, 'matcher');
          const profile = await getProfile(conn, input.userId);
          const matches = await listMatches(conn, { userId: input.userId, modelVersion: model.version, minScore: 0, limit: GAP_MATCHES, offset: 0 });
          const gaps = topMissingSkills(profile?.skills ?? [], matches, model.version);
          await saveSkillGaps(conn, input.resumeId, gaps);
          return { gaps: gaps.gaps.length, matches: gaps.matches };
        }),
      );
    },

  };
}

export type ResumeFetchActivities = ReturnType<typeof createResumeFetchActivities>;
export type ResumePipelineActivities = ReturnType<typeof createResumePipelineActivities>;
