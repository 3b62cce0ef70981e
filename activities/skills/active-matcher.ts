import type { DuckDBConnection } from '@duckdb/node-api';
import { FeatureEncoder, type MatchJob, type MatchProfile } from '../../models/matcher/features.js';
import { readModelFiles, resolveModelPath, type ModelFiles } from '../../models/matcher/model-store.js';
import { MatcherScorer } from '../../models/matcher/scorer.js';
import { activeModelVersion } from '../../warehouse/ml.js';

/** Scores profile × job pairs through one matcher version: the only place this module knows the matcher's internals. */
export interface PairScorer {
  version: string;
  scorePairs(pairs: readonly { profile: MatchProfile; job: MatchJob }[]): Promise<number[]>;
}

// One ONNX session per model file in this process: analyses run per request and per user, and
// loading (hashing, card and session) costs more than scoring a few dozen rows.
const loaded = new Map<string, Promise<{ files: ModelFiles; scorer: MatcherScorer }>>();

function load(path: string, sha256: string) {
  let model = loaded.get(sha256);
  if (!model) {
    model = (async () => {
      const files = readModelFiles(resolveModelPath(path), sha256);
      return { files, scorer: await MatcherScorer.fromBytes(files.model, sha256, files.card.features) };
    })();
    model.catch(() => loaded.delete(sha256));
    loaded.set(sha256, model);
  }
  return model;
}

/**
 * The matcher version the score stage uses now. Features are computed at `now` without other users'
 * feedback (the collaborative feature reads as unknown), the same for every variant of a profile, so
 * scores stay comparable with each other.
 */
export async function activeMatcher(conn: DuckDBConnection, now: Date): Promise<PairScorer> {
  const version = await activeModelVersion(conn, 'matcher');
  const { files, scorer } = await load(version.path, version.sha256);
  const encoder = new FeatureEncoder(files.card.features, { now, skillSpace: files.skillSpace, collaborative: null });
  return {
    version: version.version,
    async scorePairs(pairs) {
      const rows = pairs.map(({ profile, job }) => encoder.values(profile, job));
      return (await scorer.score(rows)).map((r) => r.score);
    },
  };
}
