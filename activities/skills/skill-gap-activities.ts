// Activities of the daily skill-gap refresh (pipeline queue: they read and write the warehouse).
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Warehouse } from '../../warehouse/db.js';
import { findAnalysis, usersToRefresh, type RefreshCandidate } from '../../warehouse/skill-gaps.js';
import { asActivity } from '../temporal-wrap.js';
import { SkillGapPreconditionError, runSkillGapAnalysis, type AnalysisTarget } from './run-analysis.js';
import { shippedSkillGraph, type SkillGraph } from './skill-graph.js';

/** Users active within this many days get a fresh analysis every day. */
export const ACTIVE_USER_DAYS = 30;

export interface RefreshOutcome {
  userId: string;
  analysisId: string | null;
  /** Why no analysis was made (no profile, no target jobs); null when one was. */
  skipped: string | null;
}

/** The latest analysis's target again, or the best current matches when there is none. */
export function refreshTarget(user: RefreshCandidate): AnalysisTarget {
  if (user.lastTargetKind === 'chosen' && user.lastClusterIds?.length) return { kind: 'chosen', clusterIds: user.lastClusterIds };
  if (user.lastTargetKind === 'saved') return { kind: 'saved' };
  return { kind: 'top' };
}

export function createSkillGapActivities(deps: { warehouse: Warehouse; graph?: SkillGraph }) {
  const { warehouse } = deps;
  return {
    async listUsersToRefresh(): Promise<RefreshCandidate[]> {
      return asActivity(() => warehouse.withConnection((conn) => usersToRefresh(conn, ACTIVE_USER_DAYS)));
    },

    /**
     * One analysis per user, stored with trigger "schedule"; a user who cannot be analysed yet is
     * skipped, not failed. The analysis id derives from the run and the user, so a retried batch
     * skips the users it already did.
     */
    async refreshSkillGaps(input: { runId: string; users: RefreshCandidate[] }): Promise<RefreshOutcome[]> {
      return asActivity(async () => {
        const graph = deps.graph ?? shippedSkillGraph();
        const outcomes: RefreshOutcome[] = [];
        for (const user of input.users) {
          const id = `sga_${createHash('sha256').update(`${input.runId}\u0000${user.userId}`).digest('hex').slice(0, 24)}`;
          try {
            await warehouse.withConnection(async (conn) => {
              if (await findAnalysis(conn, user.userId, id)) return;
              await runSkillGapAnalysis(conn, { id, userId: user.userId, target: refreshTarget(user), trigger: 'schedule' }, { graph });
            });
            outcomes.push({ userId: user.userId, analysisId: id, skipped: null });
          } catch (error) {
            if (!(error instanceof SkillGapPreconditionError)) throw error;
            outcomes.push({ userId: user.userId, analysisId: null, skipped: error.message });
          }
          Context.current().heartbeat({ done: outcomes.length });
        }
        return outcomes;
      });
    },
  };
}

export type SkillGapActivities = ReturnType<typeof createSkillGapActivities>;
