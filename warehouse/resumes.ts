// App layer: uploaded résumés (migration 013). One row per upload; the file itself is in the
// content-addressed store, referred to by sha256. Every query a user can reach filters on user_id.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ResumeDraft } from '../activities/resume/draft.js';
import { queryRows } from './db.js';

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type ResumeMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

export type ResumeStatus = 'queued' | 'parsing' | 'draft' | 'accepted' | 'failed';

/** The top missing skills across a user's best matches, as of the résumé's acceptance. */
export interface SkillGaps {
  modelVersion: string;
  /** How many of the user's top matches were read. */
  matches: number;
  gaps: { skill: string; jobs: number; share: number; examples: { clusterId: string; title: string }[] }[];
}

export interface ResumeSummary {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: ResumeMediaType;
  /** As the browser sent it: display only. */
  fileName: string | null;
  uploadedAt: string;
  status: ResumeStatus;
  errorCode: string | null;
  errorMessage: string | null;
  parsePath: 'offline' | 'anthropic' | null;
  parseModel: string | null;
  parseFallback: string | null;
  pages: number | null;
  parsedAt: string | null;
  acceptedAt: string | null;
  skillGapsAt: string | null;
}

export interface ResumeRecord extends ResumeSummary {
  userId: string;
  workflowId: string;
  text: string | null;
  draft: ResumeDraft | null;
  accepted: unknown;
  skillGaps: SkillGaps | null;
}

const SUMMARY = `id, sha256, size_bytes AS "sizeBytes", media_type AS "mediaType", file_name AS "fileName",
  uploaded_at::VARCHAR AS "uploadedAt", status, error_code AS "errorCode", error_message AS "errorMessage",
  parse_path AS "parsePath", parse_model AS "parseModel", parse_fallback AS "parseFallback", pages,
  parsed_at::VARCHAR AS "parsedAt", accepted_at::VARCHAR AS "acceptedAt", skill_gaps_at::VARCHAR AS "skillGapsAt"`;
const RECORD = `${SUMMARY}, user_id AS "userId", workflow_id AS "workflowId", text, draft::VARCHAR AS draft,
  accepted::VARCHAR AS accepted, skill_gaps::VARCHAR AS "skillGaps"`;

type RawRecord = Omit<ResumeRecord, 'draft' | 'accepted' | 'skillGaps'> & { draft: string | null; accepted: string | null; skillGaps: string | null };
const parsed = (row: RawRecord): ResumeRecord => ({
  ...row,
  draft: row.draft === null ? null : (JSON.parse(row.draft) as ResumeDraft),
  accepted: row.accepted === null ? null : (JSON.parse(row.accepted) as unknown),
  skillGaps: row.skillGaps === null ? null : (JSON.parse(row.skillGaps) as SkillGaps),
});

export async function insertResume(
  conn: DuckDBConnection,
  r: { id: string; userId: string; sha256: string; sizeBytes: number; mediaType: ResumeMediaType; fileName: string | null; workflowId: string },
): Promise<void> {
  await conn.run(
    `INSERT INTO resumes (id, user_id, sha256, size_bytes, media_type, file_name, uploaded_at, workflow_id, status)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, 'queued')`,
    [r.id, r.userId, r.sha256, r.sizeBytes, r.mediaType, r.fileName, r.workflowId],
  );
}

/** Uploads by a user since `hours` ago, for the per-user upload limit. */
export async function countRecentUploads(conn: DuckDBConnection, userId: string, hours: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    conn,
    `SELECT count(*) AS n FROM resumes WHERE user_id = $1 AND uploaded_at > now() - to_hours(CAST($2 AS BIGINT))`,
    [userId, hours],
  );
  return Number(row?.n ?? 0);
}

/** A user's uploads, newest first: the history of their résumés. */
export async function listResumes(conn: DuckDBConnection, userId: string): Promise<ResumeSummary[]> {
  return queryRows<ResumeSummary>(conn, `SELECT ${SUMMARY} FROM resumes WHERE user_id = $1 ORDER BY uploaded_at DESC, id`, [userId]);
}

/** One upload, only if it is the user's. */
export async function getResume(conn: DuckDBConnection, userId: string, id: string): Promise<ResumeRecord | null> {
  const [row] = await queryRows<RawRecord>(conn, `SELECT ${RECORD} FROM resumes WHERE id = $1 AND user_id = $2`, [id, userId]);
  return row ? parsed(row) : null;
}

/** For the résumé workflow's own activities, which act for the user who uploaded it. */
export async function getResumeForWorkflow(conn: DuckDBConnection, id: string): Promise<ResumeRecord | null> {
  const [row] = await queryRows<RawRecord>(conn, `SELECT ${RECORD} FROM resumes WHERE id = $1`, [id]);
  return row ? parsed(row) : null;
}

export async function markParsing(conn: DuckDBConnection, id: string): Promise<void> {
  await conn.run(`UPDATE resumes SET status = 'parsing' WHERE id = $1 AND status = 'queued'`, [id]);
}

/** Stores the parsed draft; a retried activity finds the row already past parsing and changes nothing. */
export async function saveDraft(
  conn: DuckDBConnection,
  d: { id: string; text: string; pages: number; draft: ResumeDraft; parsePath: 'offline' | 'anthropic'; parseModel: string | null; parseFallback: string | null },
): Promise<void> {
  await conn.run(
    `UPDATE resumes SET status = 'draft', text = $2, pages = $3, draft = $4, parse_path = $5, parse_model = $6, parse_fallback = $7, parsed_at = now()
     WHERE id = $1 AND status IN ('queued', 'parsing')`,
    [d.id, d.text, d.pages, JSON.stringify(d.draft), d.parsePath, d.parseModel, d.parseFallback],
  );
}

export async function markFailed(conn: DuckDBConnection, f: { id: string; code: string; message: string }): Promise<void> {
  await conn.run(`UPDATE resumes SET status = 'failed', error_code = $2, error_message = $3 WHERE id = $1 AND status IN ('queued', 'parsing')`, [
    f.id,
    f.code,
    f.message,
  ]);
}

/** Records what the user accepted; a parsed draft (or an accepted one, edited again) only. Returns whether it did. */
export async function markAccepted(conn: DuckDBConnection, a: { id: string; userId: string; accepted: unknown }): Promise<boolean> {
  const result = await conn.run(
    `UPDATE resumes SET status = 'accepted', accepted = $3, accepted_at = now() WHERE id = $1 AND user_id = $2 AND status IN ('draft', 'accepted')`,
    [a.id, a.userId, JSON.stringify(a.accepted)],
  );
  return Number(result.rowsChanged) === 1;
}

export async function saveSkillGaps(conn: DuckDBConnection, id: string, gaps: SkillGaps): Promise<void> {
  await conn.run(`UPDATE resumes SET skill_gaps = $2, skill_gaps_at = now() WHERE id = $1`, [id, JSON.stringify(gaps)]);
}
