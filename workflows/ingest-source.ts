import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { FetchActivities } from '../activities/fetch-activities.js';
import type { PipelineActivities, RunRef } from '../activities/pipeline-activities.js';
import type { Source } from '../warehouse/core.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from './task-queues.js';

const fetching = proxyActivities<FetchActivities>({
  taskQueue: FETCH_QUEUE,
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  // A source gets a few tries with backoff; after that its failure is recorded and the run goes on.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '20 seconds', maximumAttempts: 3 },
});

const warehouse = proxyActivities<PipelineActivities>({
  taskQueue: PIPELINE_QUEUE,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

export interface IngestSourceResult {
  sourceId: string;
  ok: boolean;
  items: number;
  newItems: number;
  error: string | null;
}

/** An activity failure wraps the activity's own error (as an ApplicationFailure), whose message says what went wrong. */
function describe(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One source: fetch and stage (fetch queue), then load into raw_postings (pipeline queue). Never
 * throws for a bad source: a failed fetch, or a staged file that cannot be loaded (cut short or
 * garbled after the fetch; nothing of it is loaded), fails this source alone and is recorded, and
 * the next run fetches it again.
 */
export async function ingestSourceWorkflow(run: RunRef, source: Source): Promise<IngestSourceResult> {
  const failed = async (error: unknown): Promise<IngestSourceResult> => {
    const message = describe(error);
    await warehouse.recordSourceFailure({ ...run, sourceId: source.id, error: message });
    return { sourceId: source.id, ok: false, items: 0, newItems: 0, error: message };
  };
  let staged: Awaited<ReturnType<FetchActivities['fetchSource']>>;
  try {
    staged = await fetching.fetchSource({ runId: run.runId, source });
  } catch (error) {
    return failed(error);
  }
  let loaded: Awaited<ReturnType<PipelineActivities['loadRawPostings']>>;
  try {
    loaded = await warehouse.loadRawPostings({ ...run, sourceId: source.id, path: staged.path, items: staged.items, complete: staged.complete });
  } catch (error) {
    return failed(error);
  }
  return { sourceId: source.id, ok: true, items: loaded.items, newItems: loaded.newItems, error: null };
}
