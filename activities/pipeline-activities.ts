// Activities of the `pipeline` task queue: everything that reads or writes the warehouse. They run
// only in the process that owns the DuckDB file.
import { Context } from '@temporalio/activity';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  insertRawPostings,
  inspectStagedRawPostings,
  listEnabledSources,
  recordListings,
  recordSourceHealth,
  recordStageRun,
  type Stage,
  type StageRun,
} from '../warehouse/core.js';
import { commitSoFar, type Warehouse } from '../warehouse/db.js';
import { upsertMatches } from '../warehouse/ml.js';
import { refreshSearchIndex } from '../warehouse/search-index.js';
import { runDedupe } from './dedupe/run-dedupe.js';
import { PermanentError } from './errors.js';
import { LATAM_COUNTRIES } from './normalize/geo.js';
import { runNormalize } from './normalize/run-normalize.js';
import type { SkillMatcher } from './normalize/skills.js';
import { pipelineEvents } from './pipeline-events.js';
import { publishSnapshot } from './publish/publish-snapshot.js';
import type { ReportSite } from './publish/report-site.js';
import { runReportBuild } from './publish/run-report-build.js';
import { prepareScoring } from './score/prepare-scoring.js';
import type { Staging } from './staging.js';
import { asActivity } from './temporal-wrap.js';
import { collectGarbage } from './collect-garbage.js';
import { runTrend } from './trend/run-trend.js';

export interface RunRef {
  runId: string;
  workflowId: string;
}

export interface PipelineDeps {
  warehouse: Warehouse;
  staging: Staging;
  skills: SkillMatcher;
  snapshotPath: string;
  /** The Evidence report built from the snapshot; absent in a process that serves no report. */
  reports?: ReportSite;
}

type Counts = Record<string, number>;

/**
 * A staged file must be the one its fetch wrote: every row readable, complete and of its source,
 * as many as the fetch reported. One cut short, garbled or replaced since (a full disk, a broken
 * copy on a shared folder) is refused whole and for good: a retry would read the same file,
 * nothing of it is loaded, and the next run fetches the source again.
 */
async function assertStagedIntact(conn: DuckDBConnection, path: string, fetched: { sourceId: string; items: number }): Promise<void> {
  let found: Awaited<ReturnType<typeof inspectStagedRawPostings>>;
  try {
    found = await inspectStagedRawPostings(conn, path, fetched.sourceId);
  } catch (error) {
    throw new PermanentError(`the staged file of ${fetched.sourceId} cannot be read: ${(error as Error).message.trim()}`);
  }
  if (found.rows !== fetched.items || found.incomplete > 0 || found.foreign > 0) {
    throw new PermanentError(
      `the staged file ${path} holds ${found.rows} rows (${found.incomplete} incomplete, ${found.foreign} of another source) where the fetch staged ${fetched.items}: it changed after the fetch`,
    );
  }
}

export function createPipelineActivities(deps: PipelineDeps) {
  const { warehouse, staging } = deps;
  // Open dashboards follow the run through these (api/events.ts).
  const events = pipelineEvents(warehouse);

  /**
   * Runs a stage in one transaction together with its pipeline_runs row: both are kept, or neither.
   * A failed attempt is recorded as such (with its error) until a retry overwrites it.
   */
  function stage(run: RunRef, name: Stage, fn: (conn: DuckDBConnection) => Promise<Counts>, startedAt?: string): Promise<Counts> {
    return asActivity(async () => {
      const started = startedAt ? new Date(startedAt) : new Date();
      if (!startedAt) events.publish({ type: 'stage', ...run, stage: name, state: 'started' });
      try {
        const counts = await warehouse.transaction(async (conn) => {
          const counts = await fn(conn);
          await recordStageRun(conn, { ...run, stage: name, status: 'ok', startedAt: started, finishedAt: new Date(), counts, error: null });
          return counts;
        });
        Context.current().log.info('stage finished', { stage: name, counts });
        events.publish({ type: 'stage', ...run, stage: name, state: 'finished', counts });
        return counts;
      } catch (error) {
        const message = (error as Error).message;
        await warehouse
          .withConnection((conn) => recordStageRun(conn, { ...run, stage: name, status: 'failed', startedAt: started, finishedAt: new Date(), counts: {}, error: message }))
          .catch(() => undefined);
        events.publish({ type: 'stage', ...run, stage: name, state: 'failed', error: message });
        throw error;
      } finally {
        collectGarbage();
      }
    });
  }

  return {
    async listSources() {
      return asActivity(() => warehouse.withConnection(listEnabledSources));
    },

    async loadRawPostings(input: RunRef & { sourceId: string; path: string; items: number; complete: boolean }) {
      return asActivity(async () => {
        const loaded = await warehouse.transaction(async (conn) => {
          const stagedPath = staging.check(input.path);
          await assertStagedIntact(conn, stagedPath, input);
          const newItems = await insertRawPostings(conn, stagedPath, input.runId);
          await recordListings(conn, { stagedPath, sourceId: input.sourceId, complete: input.complete });
          await recordSourceHealth(conn, { sourceId: input.sourceId, runId: input.runId, ok: true, items: input.items, newItems, error: null });
          return { items: input.items, newItems };
        });
        events.publish({ type: 'source', runId: input.runId, workflowId: input.workflowId, sourceId: input.sourceId, ok: true, ...loaded });
        return loaded;
      });
    },

    async recordSourceFailure(input: RunRef & { sourceId: string; error: string }) {
      return asActivity(async () => {
        await warehouse.withConnection((conn) =>
          recordSourceHealth(conn, { sourceId: input.sourceId, runId: input.runId, ok: false, items: 0, newItems: 0, error: input.error }),
        );
        events.publish({ type: 'source', runId: input.runId, workflowId: input.workflowId, sourceId: input.sourceId, ok: false, items: 0, newItems: 0, error: input.error });
      });
    },

    async recordStage(input: Omit<StageRun, 'startedAt' | 'finishedAt'> & { startedAt: string }) {
      return asActivity(async () => {
        await warehouse.withConnection((conn) => recordStageRun(conn, { ...input, startedAt: new Date(input.startedAt), finishedAt: new Date() }));
        events.publish({ type: 'stage', runId: input.runId, workflowId: input.workflowId, stage: input.stage, state: input.status === 'failed' ? 'failed' : 'finished', counts: input.counts, error: input.error });
      });
    },

    async normalize(run: RunRef) {
      return stage(run, 'normalize', (conn) =>
        runNormalize(conn, {
          runId: run.runId,
          staging,
          skills: deps.skills,
          onError: (error, row) => Context.current().log.warn('posting not normalized', { ...row, error: error.message }),
          // Each page is kept as it is loaded; the stage's row (and the last page) commit at its end.
          pageLoaded: () => commitSoFar(conn),
        }),
      );
    },

    async dedupe(run: RunRef) {
      // The search read model follows the new clusters (and the listings ingest just changed) in the
      // same stage. The clusters are committed first: one commit of both made DuckDB's memory peak
      // ~450 MB higher at 100,000 postings. A retry then finds them done and refreshes the index.
      return stage(run, 'dedupe', async (conn) => {
        const clusters = await runDedupe(conn, { runId: run.runId, staging });
        await commitSoFar(conn);
        return { ...clusters, ...(await refreshSearchIndex(conn, { latamCountries: LATAM_COUNTRIES })) };
      });
    },

    async prepareScoring(run: RunRef) {
      events.publish({ type: 'stage', ...run, stage: 'score', state: 'started' });
      return asActivity(async () => {
        try {
          return await warehouse.withConnection((conn) => prepareScoring(conn, { runId: run.runId, staging }));
        } finally {
          collectGarbage();
        }
      });
    },

    async loadMatches(input: RunRef & { path: string; pairs: number; startedAt: string }) {
      return stage(
        input,
        'score',
        async (conn) => ({ pairs: input.pairs, matches: await upsertMatches(conn, staging.check(input.path)) }),
        input.startedAt,
      );
    },

    async trend(run: RunRef) {
      return stage(run, 'trend', runTrend);
    },

    async publish(run: RunRef) {
      // ATTACH cannot run inside a transaction, so the snapshot is written first and its row recorded after.
      events.publish({ type: 'stage', ...run, stage: 'publish', state: 'started' });
      return asActivity(async () => {
        const counts = await warehouse.withConnection(async (conn) => {
          const startedAt = new Date();
          const counts = await publishSnapshot(conn, { runId: run.runId, snapshotPath: deps.snapshotPath });
          await recordStageRun(conn, { ...run, stage: 'publish', status: 'ok', startedAt, finishedAt: new Date(), counts, error: null });
          return counts;
        });
        events.publish({ type: 'stage', ...run, stage: 'publish', state: 'finished', counts });
        return counts;
      });
    },

    /** Minutes of child process, not warehouse work: it holds no connection until it records the outcome. */
    async buildReport(run: RunRef) {
      const site = deps.reports;
      if (!site) return { status: 'skipped' as const, snapshotStale: false };
      return asActivity(() =>
        runReportBuild(warehouse, site, { runId: run.runId, snapshotPath: deps.snapshotPath, signal: Context.current().cancellationSignal }),
      );
    },
  };
}

export type PipelineActivities = ReturnType<typeof createPipelineActivities>;
