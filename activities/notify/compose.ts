import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { enqueueEmail } from '../../warehouse/accounts.js';
import { listApplications, statusHistories } from '../../warehouse/applications.js';
import type { Warehouse } from '../../warehouse/db.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { alertRecipients, digestRecipients, newMatches, outboxIdForKey, recipient, skillMovement, type Recipient } from '../../warehouse/notifications.js';
import { analysisHistory, listSkillProgress } from '../../warehouse/skill-gaps.js';
import { suggestFollowUp } from '../applications/follow-up.js';
import { renderDigest, renderMatchAlert, type DigestContent, type EmailLinks, type FollowUp, type GapProgress, type RenderedEmail } from './render-email.js';

export const DIGEST_MATCHES = 5;
export const DIGEST_SKILLS = 6;
/** A digest lists matches from this score up; alerts use each user's own threshold. */
export const DIGEST_MIN_SCORE = 0.5;
export const ALERT_MATCHES = 10;
/** Follow-ups and next actions falling due within this many days after the digest are listed. */
export const FOLLOW_UP_HORIZON_DAYS = 7;
const MAX_APPLICATIONS = 200;
const NEXT_SKILLS = 3;

export interface ComposeDeps {
  warehouse: Warehouse;
  appUrl: string;
  unsubscribeUrl: (userId: string) => string;
  /** Skill id → display name. */
  skillName: (skillId: string) => string;
}

/** The digest's period: the seven days before `periodEnd` (a date, the Monday it goes out). */
export function digestPeriod(periodEnd: string): { since: string; until: string } {
  // São Paulo has kept UTC-3 all year since 2019.
  const until = new Date(`${periodEnd}T00:00:00-03:00`);
  if (Number.isNaN(until.getTime())) throw new Error(`not a date: ${periodEnd}`);
  return { since: new Date(until.getTime() - 7 * 86_400_000).toISOString(), until: until.toISOString() };
}

/** The date (in São Paulo, where the schedule runs) a digest sent at `at` is named by. */
export function periodEndFor(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function digestContent(conn: DuckDBConnection, deps: ComposeDeps, user: Recipient, periodEnd: string): Promise<DigestContent> {
  const { since, until } = digestPeriod(periodEnd);
  const model = await activeModelVersion(conn, 'matcher');
  const matches = await newMatches(conn, { userId: user.userId, modelVersion: model.version, minScore: DIGEST_MIN_SCORE, limit: DIGEST_MATCHES, since, until });
  const skills = await skillMovement(conn, { userId: user.userId, until, limit: DIGEST_SKILLS });
  return {
    displayName: user.displayName,
    locale: user.locale,
    weekStart: since,
    weekEnd: new Date(new Date(until).getTime() - 1).toISOString(),
    matches,
    skills: skills.map((s) => ({ ...s, skillName: deps.skillName(s.skillId) })),
    gapProgress: await gapProgress(conn, deps, user.userId, { since, until }),
    followUps: await followUpsDue(conn, user.userId, new Date(until)),
  };
}

/**
 * What the user is learning, what they marked learned during the week, and the next skills their
 * latest skill-gap analysis suggests; null when they have neither marks nor an analysis.
 */
async function gapProgress(conn: DuckDBConnection, deps: ComposeDeps, userId: string, period: { since: string; until: string }): Promise<GapProgress | null> {
  const marks = await listSkillProgress(conn, userId);
  const [latest] = await analysisHistory(conn, userId, 1);
  if (marks.length === 0 && !latest) return null;
  const marked = new Set(marks.map((m) => m.skill));
  const inPeriod = (at: string | null) => at !== null && new Date(at) >= new Date(period.since) && new Date(at) < new Date(period.until);
  return {
    learning: marks.filter((m) => m.status === 'learning').map((m) => deps.skillName(m.skill)),
    learned: marks.filter((m) => m.status === 'learned' && inPeriod(m.learnedAt)).map((m) => deps.skillName(m.skill)),
    nextSkills: (latest?.topMissing ?? []).filter((skill) => !marked.has(skill)).slice(0, NEXT_SKILLS).map(deps.skillName),
  };
}

/**
 * Applications to act on in the coming week: the user's own next action when it falls due, else the
 * product's follow-up suggestion (the user's answer times once there are enough, else the defaults).
 */
async function followUpsDue(conn: DuckDBConnection, userId: string, at: Date): Promise<FollowUp[]> {
  const horizon = new Date(at.getTime() + FOLLOW_UP_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const applications = await listApplications(conn, userId, { limit: MAX_APPLICATIONS, offset: 0 });
  if (applications.length === 0) return [];
  const histories = await statusHistories(conn, userId);
  const due: FollowUp[] = [];
  for (const app of applications) {
    const history = histories.find((h) => h.id === app.id);
    const suggestion = history ? suggestFollowUp(history, histories, at) : null;
    const dueAt = app.nextActionDue ?? (suggestion && suggestion.action !== 'none' ? suggestion.followUpOn : null);
    if (dueAt && dueAt <= horizon) due.push({ title: app.title, company: app.company, action: app.nextAction, dueAt });
  }
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

function links(deps: ComposeDeps, userId: string): EmailLinks {
  return { appUrl: deps.appUrl, unsubscribeUrl: deps.unsubscribeUrl(userId) };
}

async function enqueue(conn: DuckDBConnection, key: string, kind: 'weekly_digest' | 'match_alert', user: Recipient, email: RenderedEmail): Promise<string> {
  const id = `mail_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  await enqueueEmail(conn, { id, idempotencyKey: key, userId: user.userId, kind, to: user.email, subject: email.subject, text: email.text, html: email.html });
  return (await outboxIdForKey(conn, key)) ?? id;
}

export function digestRecipientIds(deps: ComposeDeps): Promise<string[]> {
  return deps.warehouse.withConnection(async (conn) => (await digestRecipients(conn)).map((r) => r.userId));
}

/**
 * Puts one user's digest for one period in the outbox, once: the idempotency key (user + period) is
 * stored with the message before anything is sent, so a retried or re-run workflow finds it there.
 * Null when the user has opted out (or lost their address) since the run was planned.
 */
export async function composeWeeklyDigest(deps: ComposeDeps, userId: string, periodEnd: string): Promise<string | null> {
  const key = `weekly_digest:${userId}:${periodEnd}`;
  return deps.warehouse.withConnection(async (conn) => {
    const existing = await outboxIdForKey(conn, key);
    if (existing) return existing;
    const [user] = await digestRecipients(conn, userId);
    if (!user) return null;
    return enqueue(conn, key, 'weekly_digest', user, renderDigest(await digestContent(conn, deps, user, periodEnd), links(deps, userId)));
  });
}

/** One alert per opted-in user per pipeline run, listing that run's new jobs above the user's threshold. */
export async function composeMatchAlerts(deps: ComposeDeps, runId: string): Promise<string[]> {
  return deps.warehouse.withConnection(async (conn) => {
    const model = await activeModelVersion(conn, 'matcher');
    const ids: string[] = [];
    for (const user of await alertRecipients(conn)) {
      const key = `match_alert:${user.userId}:${runId}`;
      const existing = await outboxIdForKey(conn, key);
      if (existing) {
        ids.push(existing);
        continue;
      }
      const matches = await newMatches(conn, { userId: user.userId, modelVersion: model.version, minScore: user.alertThreshold, limit: ALERT_MATCHES, runId });
      if (matches.length === 0) continue;
      const email = renderMatchAlert({ displayName: user.displayName, locale: user.locale, matches }, links(deps, user.userId));
      ids.push(await enqueue(conn, key, 'match_alert', user, email));
    }
    return ids;
  });
}

/** The digest a user would get for a period, rendered but not queued: the operator's preview. */
export async function previewDigest(deps: ComposeDeps, userId: string, periodEnd: string): Promise<RenderedEmail | null> {
  return deps.warehouse.withConnection(async (conn) => {
    const user = await recipient(conn, userId);
    return user ? renderDigest(await digestContent(conn, deps, user, periodEnd), links(deps, userId)) : null;
  });
}
