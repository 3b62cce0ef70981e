import type { ApplicationStatus } from '../../warehouse/applications.js';
import { PermanentError } from '../errors.js';

/** The hiring stages in order; rejected, withdrawn and ghosted end (or pause) an application at any of them. */
export const PIPELINE_STAGES = ['saved', 'applied', 'screening', 'interview', 'offer'] as const satisfies readonly ApplicationStatus[];
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Statuses a new application may start in: tracking starts before or at applying; later stages are reached by moves (backdated if need be). */
export const INITIAL_STATUSES = ['saved', 'applied'] as const satisfies readonly ApplicationStatus[];

/**
 * Allowed moves. Stages may be skipped forwards (an employer can invite straight to an interview),
 * never gone back. An employer's answer (screening, interview, offer, rejected) needs an application,
 * so a saved job can only be applied to or dropped. Ghosted is the one status a reply can reopen.
 */
export const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  saved: ['applied', 'withdrawn'],
  applied: ['screening', 'interview', 'offer', 'rejected', 'withdrawn', 'ghosted'],
  screening: ['interview', 'offer', 'rejected', 'withdrawn', 'ghosted'],
  interview: ['offer', 'rejected', 'withdrawn', 'ghosted'],
  offer: ['rejected', 'withdrawn'],
  rejected: [],
  withdrawn: [],
  ghosted: ['screening', 'interview', 'offer', 'rejected', 'withdrawn'],
};

/** Statuses set by what the employer did: reaching one of them is a response. */
export const EMPLOYER_RESPONSES: ReadonlySet<ApplicationStatus> = new Set(['screening', 'interview', 'offer', 'rejected']);

export class IllegalTransitionError extends PermanentError {
  constructor(
    readonly from: ApplicationStatus,
    readonly to: ApplicationStatus,
  ) {
    const allowed = TRANSITIONS[from];
    super(`an application cannot move from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : `: ${from} is final`}`);
    this.name = 'IllegalTransitionError';
  }
}

export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw new IllegalTransitionError(from, to);
}

export function stageIndex(status: ApplicationStatus): number {
  return (PIPELINE_STAGES as readonly ApplicationStatus[]).indexOf(status);
}
