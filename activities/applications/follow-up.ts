import type { ApplicationStatus, StatusHistory } from '../../warehouse/applications.js';
import { stays } from './funnel.js';
import { DAY_MS, daysBetween, quantile } from './quantile.js';
import { EMPLOYER_RESPONSES } from './status-machine.js';

/** Days to wait for an answer before following up, per status, until the user has history of their own. */
export const FOLLOW_UP_DEFAULT_DAYS: Partial<Record<ApplicationStatus, number>> = { applied: 7, screening: 5, interview: 5, offer: 3 };
/** Answers to the user's own applications in a status needed before their history replaces the default. */
export const FOLLOW_UP_MIN_HISTORY = 3;
/** From history: the wait by which 75 % of the employers' answers had come, in whole days within these bounds. */
export const FOLLOW_UP_HISTORY_QUANTILE = 0.75;
export const FOLLOW_UP_DAYS_BOUNDS = { min: 2, max: 21 } as const;
/** Silence after which an open application is probably ghosted. */
export const GHOSTED_AFTER_DAYS = 30;

export interface FollowUpSuggestion {
  applicationId: string;
  status: ApplicationStatus;
  /** Days since the application entered its status. */
  daysInStatus: number;
  /** follow_up: it is time; wait: not yet (see followUpOn); mark_ghosted: silent too long; none: nothing to follow up (saved, ended or ghosted). */
  action: 'follow_up' | 'wait' | 'mark_ghosted' | 'none';
  /** YYYY-MM-DD (UTC); null when there is nothing to follow up. */
  followUpOn: string | null;
  waitDays: number | null;
  /** Where waitDays comes from: the documented default, or the user's own history of answers in this status. */
  basis: 'default' | 'history' | null;
  /** Answers in the user's history for this status. */
  historySample: number;
}

/** How long the user's employers took to answer an application in `status`: days of each stay that ended in an employer's move. */
export function answerWaits(histories: readonly StatusHistory[], status: ApplicationStatus): number[] {
  return histories.flatMap(stays).filter((s) => s.status === status && EMPLOYER_RESPONSES.has(s.next)).map((s) => s.days);
}

export function suggestFollowUp(app: StatusHistory, histories: readonly StatusHistory[], now: Date): FollowUpSuggestion {
  const daysInStatus = Math.round(daysBetween(app.statusChangedAt, now) * 10) / 10;
  const fallback = FOLLOW_UP_DEFAULT_DAYS[app.status];
  const waits = answerWaits(histories.filter((h) => h.id !== app.id), app.status);
  const none = { applicationId: app.id, status: app.status, daysInStatus, historySample: waits.length };
  if (fallback === undefined) return { ...none, action: 'none', followUpOn: null, waitDays: null, basis: null };

  const fromHistory = waits.length >= FOLLOW_UP_MIN_HISTORY ? quantile(waits, FOLLOW_UP_HISTORY_QUANTILE) : null;
  const waitDays =
    fromHistory === null ? fallback : Math.min(FOLLOW_UP_DAYS_BOUNDS.max, Math.max(FOLLOW_UP_DAYS_BOUNDS.min, Math.ceil(fromHistory)));
  const followUpOn = new Date(new Date(app.statusChangedAt).getTime() + waitDays * DAY_MS);
  const action =
    app.status !== 'offer' && daysInStatus >= GHOSTED_AFTER_DAYS ? 'mark_ghosted' : now.getTime() >= followUpOn.getTime() ? 'follow_up' : 'wait';
  return { ...none, action, followUpOn: followUpOn.toISOString().slice(0, 10), waitDays, basis: fromHistory === null ? 'default' : 'history' };
}
