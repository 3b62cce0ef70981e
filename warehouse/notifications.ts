// App layer, e-mail family: preferences, the outbox's delivery states, suppressed addresses, and the
// reads that digests and alerts are made of.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ACTIVE_CLUSTER, visibleTo } from './core.js';
import { queryRows } from './db.js';

export interface EmailPreferences {
  emailDigest: boolean;
  matchAlerts: boolean;
  alertThreshold: number;
}

export async function getEmailPreferences(conn: DuckDBConnection, userId: string): Promise<EmailPreferences> {
  const [row] = await queryRows<EmailPreferences>(
    conn,
    `SELECT coalesce(email_digest, false) AS "emailDigest", coalesce(match_alerts, false) AS "matchAlerts",
            coalesce(alert_threshold, 0.75) AS "alertThreshold" FROM users WHERE id = $1`,
    [userId],
  );
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

export async function setEmailPreferences(conn: DuckDBConnection, userId: string, p: EmailPreferences): Promise<void> {
  await conn.run('UPDATE users SET email_digest = $2, match_alerts = $3, alert_threshold = $4 WHERE id = $1', [
    userId,
    p.emailDigest,
    p.matchAlerts,
    p.alertThreshold,
  ]);
}

/** The one-click unsubscribe: digests and alerts off (the settings page turns them back on). */
export async function unsubscribe(conn: DuckDBConnection, userId: string): Promise<boolean> {
  const result = await conn.run('UPDATE users SET email_digest = false, match_alerts = false WHERE id = $1', [userId]);
  return Number(result.rowsChanged) > 0;
}

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  locale: string;
  alertThreshold: number;
}

const RECIPIENT_COLUMNS = `u.id AS "userId", u.email, u.display_name AS "displayName", coalesce(u.locale, 'pt-BR') AS locale,
  coalesce(u.alert_threshold, 0.75) AS "alertThreshold"`;
const NOT_SUPPRESSED = 'NOT EXISTS (SELECT 1 FROM email_suppressions s WHERE s.address = lower(u.email))';

/** Users who want the weekly digest (one user, when `userId` is given). */
export function digestRecipients(conn: DuckDBConnection, userId: string | null = null): Promise<Recipient[]> {
  return queryRows<Recipient>(
    conn,
    `SELECT ${RECIPIENT_COLUMNS} FROM users u
     WHERE u.email_digest AND u.email IS NOT NULL AND ${NOT_SUPPRESSED} AND ($1::VARCHAR IS NULL OR u.id = $1) ORDER BY u.id`,
    [userId],
  );
}

export function alertRecipients(conn: DuckDBConnection): Promise<Recipient[]> {
  return queryRows<Recipient>(
    conn,
    `SELECT ${RECIPIENT_COLUMNS} FROM users u WHERE u.match_alerts AND u.email IS NOT NULL AND ${NOT_SUPPRESSED} ORDER BY u.id`,
  );
}

export async function recipient(conn: DuckDBConnection, userId: string): Promise<Recipient | null> {
  const [row] = await queryRows<Recipient>(conn, `SELECT ${RECIPIENT_COLUMNS} FROM users u WHERE u.id = $1 AND u.email IS NOT NULL`, [userId]);
  return row ?? null;
}

export interface MatchLine {
  clusterId: string;
  title: string;
  company: string | null;
  score: number;
  components: Record<string, number>;
  remoteScope: string | null;
  salaryUsdMonthMin: number | null;
  salaryUsdMonthMax: number | null;
  salaryBrlMonthMin: number | null;
  salaryBrlMonthMax: number | null;
}

/**
 * The user's best matches among new jobs, from one matcher version, dismissed jobs and jobs under a
 * contract the user does not accept left out. New means
 * first seen in [since, until) for a digest, or first clustered by one pipeline run for an alert.
 */
export async function newMatches(
  conn: DuckDBConnection,
  q: { userId: string; modelVersion: string; minScore: number; limit: number } & ({ since: string; until: string } | { runId: string }),
): Promise<MatchLine[]> {
  const window = 'runId' in q ? { since: null, until: null, runId: q.runId } : { since: q.since, until: q.until, runId: null };
  const rows = await queryRows<MatchLine & { components: string }>(
    conn,
    `SELECT m.cluster_id AS "clusterId", c.title, c.company, m.score, m.components::VARCHAR AS components, p.remote_scope AS "remoteScope",
            p.salary_usd_month_min AS "salaryUsdMonthMin", p.salary_usd_month_max AS "salaryUsdMonthMax",
            p.salary_brl_month_min AS "salaryBrlMonthMin", p.salary_brl_month_max AS "salaryBrlMonthMax"
     FROM matches m JOIN job_clusters c ON c.id = m.cluster_id JOIN postings p ON p.id = c.canonical_posting_id
     WHERE m.user_id = $1 AND m.model_version = $2 AND m.score >= $3 AND ${visibleTo('c.visible_to', '$1')} AND ${ACTIVE_CLUSTER}
       AND ($4::TIMESTAMPTZ IS NULL OR c.first_seen_at >= $4::TIMESTAMPTZ) AND ($5::TIMESTAMPTZ IS NULL OR c.first_seen_at < $5::TIMESTAMPTZ)
       AND ($6::VARCHAR IS NULL OR EXISTS (SELECT 1 FROM cluster_members cm WHERE cm.cluster_id = c.id AND cm.run_id = $6 AND cm.matched_by = 'first'))
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.user_id = m.user_id AND f.cluster_id = m.cluster_id AND f.dismissed)
       AND (p.contract_type IS NULL OR NOT EXISTS (SELECT 1 FROM profiles pr WHERE pr.user_id = m.user_id
              AND len(pr.contract_types) > 0 AND NOT list_contains(pr.contract_types, p.contract_type)))
     ORDER BY m.score DESC, m.cluster_id LIMIT $7`,
    [q.userId, q.modelVersion, q.minScore, window.since, window.until, window.runId, q.limit],
  );
  return rows.map((row) => ({ ...row, components: JSON.parse(row.components) as Record<string, number> }));
}

export interface SkillMovement {
  skillId: string;
  /** Distinct jobs asking for the skill in the 30 days before the digest, and the 30 days before those. */
  jobsLast30: number;
  jobsPrevious30: number;
  /** Median advertised USD/month of those jobs (null when fewer than 3 state a salary). */
  medianUsdMonth: number | null;
}

/** Demand and pay for each of the user's skills, the skills most asked for first: the market's, so public sources' postings only. */
export async function skillMovement(conn: DuckDBConnection, q: { userId: string; until: string; limit: number }): Promise<SkillMovement[]> {
  return queryRows<SkillMovement>(
    conn,
    `WITH mine AS (SELECT unnest(skills) AS skill_id FROM profiles WHERE user_id = $1),
     asked AS (
       SELECT skill.skill_id, m.cluster_id, coalesce(p.posted_at, p.normalized_at) AS at,
              (coalesce(p.salary_usd_month_min, p.salary_usd_month_max) + coalesce(p.salary_usd_month_max, p.salary_usd_month_min)) / 2 AS usd
       FROM postings p LEFT JOIN sources s ON s.id = p.source_id
       JOIN cluster_members m ON m.posting_id = p.id, unnest(p.skills) AS skill(skill_id)
       WHERE s.owner_user_id IS NULL AND skill.skill_id IN (SELECT skill_id FROM mine)
         AND coalesce(p.posted_at, p.normalized_at) >= $2::TIMESTAMPTZ - INTERVAL 60 DAY
         AND coalesce(p.posted_at, p.normalized_at) < $2::TIMESTAMPTZ)
     SELECT mine.skill_id AS "skillId",
            count(DISTINCT a.cluster_id) FILTER (WHERE a.at >= $2::TIMESTAMPTZ - INTERVAL 30 DAY)::INTEGER AS "jobsLast30",
            count(DISTINCT a.cluster_id) FILTER (WHERE a.at < $2::TIMESTAMPTZ - INTERVAL 30 DAY)::INTEGER AS "jobsPrevious30",
            CASE WHEN count(a.usd) FILTER (WHERE a.at >= $2::TIMESTAMPTZ - INTERVAL 30 DAY) >= 3
                 THEN median(a.usd) FILTER (WHERE a.at >= $2::TIMESTAMPTZ - INTERVAL 30 DAY) END AS "medianUsdMonth"
     FROM mine LEFT JOIN asked a ON a.skill_id = mine.skill_id
     GROUP BY mine.skill_id ORDER BY "jobsLast30" DESC, mine.skill_id LIMIT $3`,
    [q.userId, q.until, q.limit],
  );
}

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  userId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: 'pending' | 'sent' | 'failed' | 'bounced';
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

const OUTBOX_COLUMNS = `id, idempotency_key AS "idempotencyKey", user_id AS "userId", kind, to_address AS "to", subject,
  body_text AS text, body_html AS html, status, created_at::VARCHAR AS "createdAt", sent_at::VARCHAR AS "sentAt", error`;

export async function outboxMessage(conn: DuckDBConnection, id: string): Promise<OutboxRow | null> {
  const [row] = await queryRows<OutboxRow>(conn, `SELECT ${OUTBOX_COLUMNS} FROM email_outbox WHERE id = $1`, [id]);
  return row ?? null;
}

export async function outboxIdForKey(conn: DuckDBConnection, idempotencyKey: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(conn, 'SELECT id FROM email_outbox WHERE idempotency_key = $1', [idempotencyKey]);
  return row?.id ?? null;
}

export function listOutbox(conn: DuckDBConnection, q: { limit: number; status: OutboxRow['status'] | null }): Promise<Omit<OutboxRow, 'text' | 'html'>[]> {
  return queryRows(
    conn,
    `SELECT id, idempotency_key AS "idempotencyKey", user_id AS "userId", kind, to_address AS "to", subject, status,
            created_at::VARCHAR AS "createdAt", sent_at::VARCHAR AS "sentAt", error
     FROM email_outbox WHERE $1::VARCHAR IS NULL OR status = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [q.status, q.limit],
  );
}

export async function markOutbox(conn: DuckDBConnection, id: string, status: 'sent' | 'failed' | 'bounced', error: string | null): Promise<void> {
  await conn.run(`UPDATE email_outbox SET status = $2, error = $3, sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END WHERE id = $1`, [
    id,
    status,
    error,
  ]);
}

export interface SendAttempt {
  attempt: number;
  finishedAt: string | null;
  outcome: string | null;
}

export function sendAttempts(conn: DuckDBConnection, outboxId: string): Promise<SendAttempt[]> {
  return queryRows<SendAttempt>(
    conn,
    `SELECT attempt, finished_at::VARCHAR AS "finishedAt", outcome FROM email_send_attempts WHERE outbox_id = $1 ORDER BY attempt`,
    [outboxId],
  );
}

export async function startAttempt(conn: DuckDBConnection, outboxId: string, attempt: number): Promise<void> {
  await conn.run('INSERT INTO email_send_attempts (outbox_id, attempt, started_at) VALUES ($1, $2, now())', [outboxId, attempt]);
}

export async function finishAttempt(
  conn: DuckDBConnection,
  a: { outboxId: string; attempt: number; outcome: 'sent' | 'rejected' | 'retry' | 'interrupted'; httpStatus: number | null; error: string | null },
): Promise<void> {
  await conn.run('UPDATE email_send_attempts SET finished_at = now(), outcome = $3, http_status = $4, error = $5 WHERE outbox_id = $1 AND attempt = $2', [
    a.outboxId,
    a.attempt,
    a.outcome,
    a.httpStatus,
    a.error,
  ]);
}

export type SuppressionReason = 'bounce' | 'invalid' | 'spam_report';

export async function suppressAddress(conn: DuckDBConnection, address: string, reason: SuppressionReason, detail: string | null): Promise<void> {
  await conn.run(
    `INSERT INTO email_suppressions (address, reason, detail, recorded_at) VALUES (lower($1), $2, $3, now())
     ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, detail = excluded.detail, recorded_at = excluded.recorded_at`,
    [address, reason, detail],
  );
}

export async function isSuppressed(conn: DuckDBConnection, address: string): Promise<boolean> {
  const rows = await queryRows(conn, 'SELECT 1 FROM email_suppressions WHERE address = lower($1)', [address]);
  return rows.length > 0;
}
