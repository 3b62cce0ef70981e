// Pipeline progress as in-process events, for the open dashboards (api/events.ts streams them).
//
// Why in-process: the pipeline's warehouse activities run only in the process that owns the DuckDB
// file, and the API must run there too, so publisher and subscribers always share a process. The bus
// is keyed by the Warehouse object, so two apps in one process (tests) never hear each other.
// Scale-out caveat: this holds only while one process owns the warehouse. An API served from several
// processes would need a broker between them (Postgres LISTEN/NOTIFY, Redis pub/sub, NATS) or would
// poll pipeline_runs; the events carry nothing that is not also in pipeline_runs and source_health.
import type { Stage } from '../warehouse/core.js';
import type { Warehouse } from '../warehouse/db.js';

export type PipelineEvent =
  | {
      type: 'stage';
      runId: string;
      workflowId: string;
      stage: Stage;
      state: 'started' | 'finished' | 'failed';
      counts?: Record<string, number>;
      /** Why the stage (or, for ingest, some sources) failed: operators only. */
      error?: string | null;
      at: string;
    }
  | { type: 'source'; runId: string; workflowId: string; sourceId: string; ok: boolean; items: number; newItems: number; error?: string | null; at: string }
  /** An account changed behind the API's back (an operator made or unmade from the CLI): for the API's caches, never streamed. */
  | { type: 'account'; userId: string; at: string };

export type PipelineListener = (event: PipelineEvent) => void;

type Unstamped<E> = E extends PipelineEvent ? Omit<E, 'at'> : never;

export class PipelineEvents {
  private readonly listeners = new Set<PipelineListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: PipelineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Never throws: a failing subscriber must not fail the pipeline. */
  publish(event: Unstamped<PipelineEvent>): void {
    const stamped = { ...event, at: new Date().toISOString() } as PipelineEvent;
    for (const listener of this.listeners) {
      try {
        listener(stamped);
      } catch {
        // The subscriber's own problem (a closed stream); the pipeline goes on.
      }
    }
  }
}

const buses = new WeakMap<Warehouse, PipelineEvents>();

/** The bus of the pipeline that writes this warehouse. */
export function pipelineEvents(warehouse: Warehouse): PipelineEvents {
  let bus = buses.get(warehouse);
  if (!bus) {
    bus = new PipelineEvents();
    buses.set(warehouse, bus);
  }
  return bus;
}
