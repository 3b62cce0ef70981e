// Activities of the stateless `fetch` task queue: HTTP, parsing and ONNX. They never open the
// warehouse; results go through the staging folder (claim check), so any machine can run them.
import { Context } from '@temporalio/activity';
import type { Source } from '../warehouse/core.js';
import type { ModelVersion } from '../warehouse/ml.js';
import { fetchSource } from './ingest/fetch-source.js';
import type { NetworkPolicy } from './ingest/network-policy.js';
import { runMatcher } from './score/run-matcher.js';
import type { Staging } from './staging.js';
import { asActivity } from './temporal-wrap.js';
import { collectGarbage } from './collect-garbage.js';

/** Time kept back from the activity's limit to stage what was read and report it. */
const STAGING_MARGIN_MS = 30_000;

export function createFetchActivities(deps: { staging: Staging; projectRoot: string; networkPolicy?: NetworkPolicy }) {
  return {
    async fetchSource(input: { runId: string; source: Source }) {
      const ctx = Context.current();
      // Every heartbeat carries the progress, so the last one before a crash or a failure tells
      // the next attempt which pages are done (Temporal hands it over as heartbeatDetails).
      let progress: unknown = ctx.info.heartbeatDetails;
      return asActivity(
        async () => {
          const staged = await fetchSource(input.source, input.runId, deps.staging, {
            // A user-defined source (one with a config) is held to the network policy; a built-in
            // adapter is the operator's own code, the demo feeds the app serves on 127.0.0.1 included.
            policy: input.source.config ? deps.networkPolicy : undefined,
            resume: ctx.info.heartbeatDetails,
            deadline: Date.now() + Math.max(0, ctx.info.startToCloseTimeoutMs - STAGING_MARGIN_MS),
            onProgress: (next) => {
              progress = next;
              ctx.heartbeat(progress);
            },
          });
          ctx.log.info('source fetched', { sourceId: staged.sourceId, items: staged.items, skipped: staged.skipped, pages: staged.pages, resumedAt: staged.resumedAt });
          return staged;
        },
        () => progress,
      );
    },

    async runMatcher(input: { runId: string; path: string; model: ModelVersion }) {
      return asActivity(async () => {
        try {
          return await runMatcher(input, { staging: deps.staging, projectRoot: deps.projectRoot });
        } finally {
          // Scoring leaves this thread's heap full of garbage; the load that follows has its own peak.
          collectGarbage();
        }
      });
    },
  };
}

export type FetchActivities = ReturnType<typeof createFetchActivities>;
