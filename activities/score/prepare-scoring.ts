import type { DuckDBConnection } from '@duckdb/node-api';
import { matchFeatures } from '../../models/matcher/features.js';
import type { RemoteScope } from '../normalize/remote-scope.js';
import { activeModelVersion, pairsToScore, type ModelVersion } from '../../warehouse/ml.js';
import type { Staging } from '../staging.js';

export interface ScoringBatch {
  path: string;
  pairs: number;
  model: ModelVersion;
}

/** One staged row per profile × cluster pair: the features the matcher takes, in spec order. */
export interface FeatureRow {
  user_id: string;
  cluster_id: string;
  features: number[];
}

/** Computes features for every pair that needs a (new) score and stages them for the stateless matcher. */
export async function prepareScoring(conn: DuckDBConnection, ctx: { runId: string; staging: Staging }): Promise<ScoringBatch> {
  const model = await activeModelVersion(conn, 'matcher');
  const pairs = await pairsToScore(conn, model.version);
  const rows: FeatureRow[] = pairs.map((pair) => ({
    user_id: pair.user_id,
    cluster_id: pair.cluster_id,
    features: matchFeatures(
      {
        skills: pair.profile_skills,
        yearsExperience: pair.years_experience,
        country: pair.country,
        timezone: pair.timezone,
        salaryFloorUsdMonth: pair.salary_floor_usd_month,
      },
      {
        skills: pair.job_skills,
        seniority: pair.seniority,
        yearsRequired: pair.years_required,
        remoteScope: pair.remote_scope as RemoteScope,
        remoteCountries: pair.remote_countries ?? [],
        tzMinUtcOffset: pair.tz_min_utc_offset,
        tzMaxUtcOffset: pair.tz_max_utc_offset,
        salaryUsdMonthMax: pair.salary_usd_month_max,
      },
    ),
  }));
  const staged = ctx.staging.writeNdjson(ctx.staging.pathFor(ctx.runId, 'score', 'features'), rows);
  return { path: staged.path, pairs: staged.rows, model };
}
