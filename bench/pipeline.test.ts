// The pipeline benchmark runs in CI at a small size, so its code cannot rot between the runs that
// measure it (`npm run bench -- pipeline`, figures in bench/README.md). What is checked is what the
// benchmark claims besides its times: every stage did the work, both loads of the baseline loaded the
// same postings, and the run through Temporal stored what the direct run stored.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/config.js';

const results = mkdtempSync(join(tmpdir(), 'bench-results-'));
afterAll(() => rmSync(results, { recursive: true, force: true }));

interface Stage {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  counts: Record<string, number>;
}

describe('bench/pipeline.ts', () => {
  it('runs every stage directly, the row-by-row baseline and the run through Temporal, and reports them', { timeout: 600_000 }, async () => {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/pipeline.ts', '--size', '3000', '--profiles', '20', '--temporal-size', '1500', '--baseline-size', '400'],
      { cwd: PROJECT_ROOT, env: { ...process.env, BENCH_RESULTS_DIR: results }, maxBuffer: 16 << 20 },
    );
    const report = JSON.parse(readFileSync(join(results, 'pipeline.json'), 'utf8')) as {
      postings: number;
      stages: Record<string, Stage>;
      whole: { seconds: number; peakRssMb: number };
      baseline: { postings: number; batched: { postings: number }; rowByRow: { postings: number } };
      temporal: { postings: number; stored: { direct: Record<string, number>; workflow: Record<string, number> } };
    };
    expect(Object.keys(report.stages)).toEqual(['ingest', 'normalize', 'dedupe', 'score', 'trend', 'publish']);
    const { normalize, dedupe, score } = report.stages as Record<string, Stage>;
    expect(normalize?.counts).toMatchObject({ pending: 3000, normalized: 3000, failed: 0 });
    expect(dedupe?.counts.postings).toBe(3000);
    // Every job found a cluster and the search index holds one row per cluster.
    expect(dedupe?.counts.indexedDocs).toBe(dedupe?.counts.newClusters);
    expect(score?.counts.pairs).toBe(20 * (dedupe?.counts.newClusters ?? -1));
    for (const stage of Object.values(report.stages)) expect(stage.peakRssMb).toBeGreaterThan(0);
    expect(report.whole.peakRssMb).toBe(Math.max(...Object.values(report.stages).map((s) => s.peakRssMb)));
    expect(report.baseline).toMatchObject({ postings: 400, batched: { postings: 400 }, rowByRow: { postings: 400 } });
    expect(report.temporal.stored.direct).toEqual(report.temporal.stored.workflow);
    expect(report.temporal.stored.direct).toMatchObject({ raw_postings: 1500, postings: 1500, cluster_members: 1500 });
  });
});
