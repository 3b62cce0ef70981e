// Application tracking: applications, their timestamped event history and contacts
// (applications, application_events, application_contacts), and the salary figures negotiation reads (job_facts).
import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { visibleTo } from './core.js';
import { queryRows } from './db.js';

export const APPLICATION_STATUSES = ['saved', 'applied', 'screening', 'interview', 'offer', 'rejected', 'withdrawn', 'ghosted'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const EVENT_KINDS = ['status', 'note', 'next_action', 'contact'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

export interface Application {
  id: string;
  clusterId: string;
  title: string;
  company: string | null;
  status: ApplicationStatus;
  source: string;
  matchScore: number | null;
  nextAction: string | null;
  nextActionDue: string | null;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationEvent {
  id: string;
  at: string;
  kind: EventKind;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  text: string | null;
}

export interface ApplicationContact {
  id: string;
  name: string;
  role: string | null;
  email: string | null;
  url: string | null;
  note: string | null;
  createdAt: string;
}

const APPLICATION_COLUMNS = `a.id, a.cluster_id AS "clusterId", c.title, c.company, a.status, a.source, a.match_score AS "matchScore",
  a.next_action AS "nextAction", a.next_action_due::VARCHAR AS "nextActionDue", a.status_changed_at::VARCHAR AS "statusChangedAt",
  a.created_at::VARCHAR AS "createdAt", a.updated_at::VARCHAR AS "updatedAt"`;
const FROM_APPLICATIONS = 'FROM applications a JOIN job_clusters c ON c.id = a.cluster_id';

/** Where the user can apply to a job (the canonical posting's source), and their active-model match score; null when there is no such job the user may see. */
export async function jobToTrack(
  conn: DuckDBConnection,
  q: { userId: string; clusterId: string; modelVersion: string },
): Promise<{ sourceId: string; matchScore: number | null } | null> {
  const [row] = await queryRows<{ sourceId: string; matchScore: number | null }>(
    conn,
    `SELECT p.source_id AS "sourceId", m.score AS "matchScore"
     FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
     LEFT JOIN matches m ON m.cluster_id = c.id AND m.user_id = $1 AND m.model_version = $3
     WHERE c.id = $2 AND ${visibleTo('c.visible_to', '$1')}`,
    [q.userId, q.clusterId, q.modelVersion],
  );
  return row ?? null;
}

/** Starts tracking a job, with its first status event; null when the user already tracks it. Run it in a transaction. */
export async function insertApplication(
  conn: DuckDBConnection,
  a: { userId: string; clusterId: string; status: ApplicationStatus; source: string; matchScore: number | null; at: string; note: string | null },
): Promise<string | null> {
  const id = newId('app');
  const inserted = await conn.run(
    `INSERT INTO applications (id, user_id, cluster_id, status, source, match_score, status_changed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMPTZ, now(), now()) ON CONFLICT DO NOTHING`,
    [id, a.userId, a.clusterId, a.status, a.source, a.matchScore, a.at],
  );
  if (Number(inserted.rowsChanged) === 0) return null;
  await insertEvent(conn, { applicationId: id, userId: a.userId, at: a.at, kind: 'status', fromStatus: null, toStatus: a.status, text: a.note });
  return id;
}

export async function applicationIdForJob(conn: DuckDBConnection, userId: string, clusterId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(conn, 'SELECT id FROM applications WHERE user_id = $1 AND cluster_id = $2', [userId, clusterId]);
  return row?.id ?? null;
}

/** The application only if `userId` owns it. */
export async function getApplication(conn: DuckDBConnection, userId: string, id: string): Promise<Application | null> {
  const [row] = await queryRows<Application>(conn, `SELECT ${APPLICATION_COLUMNS} ${FROM_APPLICATIONS} WHERE a.id = $1 AND a.user_id = $2`, [id, userId]);
  return row ?? null;
}

/** Most recently changed first. */
export async function listApplications(
  conn: DuckDBConnection,
  userId: string,
  q: { status?: ApplicationStatus; limit: number; offset: number },
): Promise<Application[]> {
  return queryRows<Application>(
    conn,
    `SELECT ${APPLICATION_COLUMNS} ${FROM_APPLICATIONS} WHERE a.user_id = $1 AND ($2::VARCHAR IS NULL OR a.status = $2)
     ORDER BY a.updated_at DESC, a.id LIMIT $3 OFFSET $4`,
    [userId, q.status ?? null, q.limit, q.offset],
  );
}

/** Oldest first. */
export async function listEvents(conn: DuckDBConnection, userId: string, applicationId: string): Promise<ApplicationEvent[]> {
  return queryRows<ApplicationEvent>(
    conn,
    `SELECT id, occurred_at::VARCHAR AS "at", kind, from_status AS "fromStatus", to_status AS "toStatus", text
     FROM application_events WHERE application_id = $1 AND user_id = $2 ORDER BY occurred_at, seq`,
    [applicationId, userId],
  );
}

export async function insertEvent(
  conn: DuckDBConnection,
  e: { applicationId: string; userId: string; at: string; kind: EventKind; fromStatus: ApplicationStatus | null; toStatus: ApplicationStatus | null; text: string | null },
): Promise<void> {
  await conn.run(
    `INSERT INTO application_events (id, application_id, user_id, occurred_at, kind, from_status, to_status, text)
     VALUES ($1, $2, $3, $4::TIMESTAMPTZ, $5, $6, $7, $8)`,
    [newId('evt'), e.applicationId, e.userId, e.at, e.kind, e.fromStatus, e.toStatus, e.text],
  );
}

/**
 * Moves the application from `from` to `to` at `at`, with its event; false when it is not the
 * user's or no longer in `from` (a concurrent change), so nothing is written. Run it in a transaction.
 */
export async function changeStatus(
  conn: DuckDBConnection,
  c: { userId: string; id: string; from: ApplicationStatus; to: ApplicationStatus; at: string; note: string | null },
): Promise<boolean> {
  const updated = await conn.run(
    `UPDATE applications SET status = $4, status_changed_at = $5::TIMESTAMPTZ, updated_at = now()
     WHERE id = $1 AND user_id = $2 AND status = $3`,
    [c.id, c.userId, c.from, c.to, c.at],
  );
  if (Number(updated.rowsChanged) !== 1) return false;
  await insertEvent(conn, { applicationId: c.id, userId: c.userId, at: c.at, kind: 'status', fromStatus: c.from, toStatus: c.to, text: c.note });
  return true;
}

/** Records a note, next action or contact change in the history; false when the application is not the user's. Run it in a transaction. */
export async function recordEvent(
  conn: DuckDBConnection,
  e: { userId: string; id: string; kind: Exclude<EventKind, 'status'>; text: string },
): Promise<boolean> {
  const touched = await conn.run('UPDATE applications SET updated_at = now() WHERE id = $1 AND user_id = $2', [e.id, e.userId]);
  if (Number(touched.rowsChanged) !== 1) return false;
  await insertEvent(conn, { applicationId: e.id, userId: e.userId, at: new Date().toISOString(), kind: e.kind, fromStatus: null, toStatus: null, text: e.text });
  return true;
}

export async function setNextAction(conn: DuckDBConnection, n: { userId: string; id: string; action: string | null; due: string | null }): Promise<boolean> {
  const updated = await conn.run(
    'UPDATE applications SET next_action = $3, next_action_due = $4::DATE, updated_at = now() WHERE id = $1 AND user_id = $2',
    [n.id, n.userId, n.action, n.due],
  );
  return Number(updated.rowsChanged) === 1;
}

export async function listContacts(conn: DuckDBConnection, userId: string, applicationId: string): Promise<ApplicationContact[]> {
  return queryRows<ApplicationContact>(
    conn,
    `SELECT id, name, role, email, url, note, created_at::VARCHAR AS "createdAt"
     FROM application_contacts WHERE application_id = $1 AND user_id = $2 ORDER BY created_at, id`,
    [applicationId, userId],
  );
}

/** Adds a contact to an application the user owns (check that first). */
export async function insertContact(
  conn: DuckDBConnection,
  c: { userId: string; applicationId: string; name: string; role: string | null; email: string | null; url: string | null; note: string | null },
): Promise<string> {
  const id = newId('ctc');
  await conn.run(
    `INSERT INTO application_contacts (id, application_id, user_id, name, role, email, url, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [id, c.applicationId, c.userId, c.name, c.role, c.email, c.url, c.note],
  );
  return id;
}

/** The removed contact's name, or null when it is not one of this user's application's contacts. */
export async function deleteContact(conn: DuckDBConnection, c: { userId: string; applicationId: string; contactId: string }): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(
    conn,
    'DELETE FROM application_contacts WHERE id = $1 AND application_id = $2 AND user_id = $3 RETURNING name',
    [c.contactId, c.applicationId, c.userId],
  );
  return row?.name ?? null;
}

/** One application's status path: what the funnel, follow-up and time-in-stage figures are computed from. */
export interface StatusHistory {
  id: string;
  source: string;
  matchScore: number | null;
  status: ApplicationStatus;
  statusChangedAt: string;
  /** Every status the application took, oldest first, with when. */
  path: { status: ApplicationStatus; at: string }[];
}

export async function statusHistories(conn: DuckDBConnection, userId: string): Promise<StatusHistory[]> {
  const rows = await queryRows<Omit<StatusHistory, 'path'> & { path: string }>(
    conn,
    `SELECT a.id, a.source, a.match_score AS "matchScore", a.status, a.status_changed_at::VARCHAR AS "statusChangedAt",
            to_json(list({'status': e.to_status, 'at': e.occurred_at::VARCHAR} ORDER BY e.occurred_at, e.seq))::VARCHAR AS path
     FROM applications a JOIN application_events e ON e.application_id = a.id AND e.kind = 'status'
     WHERE a.user_id = $1 GROUP BY ALL ORDER BY a.id`,
    [userId],
  );
  return rows.map((row) => ({ ...row, path: JSON.parse(row.path) as StatusHistory['path'] }));
}

/** A job as salary negotiation compares it, from the job_facts mart (rebuilt by the trend stage): salaries are monthly midpoints. */
export interface SalaryFacts {
  clusterId: string;
  /** Job family from the title: ai_ml | data_science | data_engineering | analytics | other. */
  category: string;
  /** intern … lead, or unknown. */
  seniority: string;
  remoteScope: string;
  skills: string[];
  /** clt | pj | contractor | freelance | internship | unknown. */
  contractType: string;
  usdMonth: number | null;
  brlMonth: number | null;
}

const SALARY_FACTS = `cluster_id AS "clusterId", category, seniority, remote_scope AS "remoteScope", skills, contract_type AS "contractType",
  salary_usd_month AS "usdMonth", salary_brl_month AS "brlMonth"`;

/**
 * A job's market facts; `ownSourcesOnly` when it has none because it was found only on users' own
 * sources (the market counts public jobs), else it is not in the marts until the next pipeline run.
 */
export async function salaryFactsOf(conn: DuckDBConnection, clusterId: string): Promise<{ facts: SalaryFacts | null; ownSourcesOnly: boolean }> {
  const [row] = await queryRows<SalaryFacts>(conn, `SELECT ${SALARY_FACTS} FROM job_facts WHERE cluster_id = $1`, [clusterId]);
  if (row) return { facts: row, ownSourcesOnly: false };
  const [job] = await queryRows<{ own: boolean }>(conn, 'SELECT visible_to IS NOT NULL AS own FROM job_clusters WHERE id = $1', [clusterId]);
  return { facts: null, ownSourcesOnly: job?.own ?? false };
}

/**
 * Every other job that states a salary in both currencies, posted within `days` of the newest job:
 * the market as the warehouse last saw it, even when the pipeline has not run for a while.
 */
export async function salaryPeers(conn: DuckDBConnection, q: { days: number; excludeClusterId: string }): Promise<SalaryFacts[]> {
  return queryRows<SalaryFacts>(
    conn,
    `SELECT ${SALARY_FACTS} FROM job_facts
     WHERE posted_at >= (SELECT max(posted_at) FROM job_facts) - to_days($1::INTEGER) AND cluster_id <> $2
       AND salary_usd_month IS NOT NULL AND salary_brl_month IS NOT NULL
     ORDER BY cluster_id`,
    [q.days, q.excludeClusterId],
  );
}
