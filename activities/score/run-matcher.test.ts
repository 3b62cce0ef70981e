import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cli/config.js';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { upsertProfile } from '../../warehouse/app.js';
import { Staging } from '../staging.js';
import { prepareScoring } from './prepare-scoring.js';
import { runMatcher, scoringThreads } from './run-matcher.js';
import { SCORE_FILE } from './score-profiles.js';

// The demo feeds after ingest → normalize → dedupe, v1 registered, the demo profile.
const fixture = useFixtureWarehouse();

/** Every staged score line of the run, in file-name order. */
function stagedLines(glob: string): string[] {
  const dir = dirname(glob);
  return readdirSync(dir)
    .filter((file) => SCORE_FILE.test(file))
    .sort()
    .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean));
}

describe('runMatcher', () => {
  it('stages exactly the rows of one thread when profiles are split across worker threads, and a retry clears the earlier attempt', async () => {
    const skills = [['python', 'sql'], ['react', 'typescript'], ['spark', 'airflow', 'python'], ['pytorch'], ['power-bi', 'excel'], []];
    for (const [i, list] of skills.entries()) {
      await fixture.warehouse.withConnection((conn) =>
        upsertProfile(conn, {
          userId: `thread-${i}`,
          displayName: `Thread ${i}`,
          country: i % 2 ? 'BR' : 'AR',
          timezone: i % 2 ? 'America/Sao_Paulo' : null,
          yearsExperience: i,
          seniority: i % 3 ? ('senior' as const) : null,
          skills: list,
          salaryFloorUsdMonth: i % 2 ? 3000 : null,
          remoteScopes: ['latam' as const],
          languages: i % 2 ? ['pt', 'en'] : [],
        }),
      );
    }
    const staging = new Staging(join(fixture.dir, 'staging'));
    const batch = await fixture.warehouse.withConnection((conn) => prepareScoring(conn, { runId: 'threads', staging }));
    const input = { runId: 'threads', path: batch.path, model: batch.model };
    // Keeping three of each profile's jobs makes the selection matter.
    const one = await runMatcher(input, { staging, projectRoot: PROJECT_ROOT, keep: 3, threads: 1 });
    const inOneThread = stagedLines(one.path);
    expect(inOneThread).toHaveLength(3 * (skills.length + 1));

    const stale = join(dirname(one.path), 'scores-00009.ndjson');
    writeFileSync(stale, `${inOneThread[0]}\n`);
    const two = await runMatcher(input, { staging, projectRoot: PROJECT_ROOT, keep: 3, threads: 2 });
    expect(two).toEqual(one);
    expect(stagedLines(two.path)).toEqual(inOneThread);
  });

  it('takes a thread per core only for plans large enough to pay for starting them', () => {
    expect(scoringThreads(1_000, 2)).toBe(1);
    expect(scoringThreads(82_500_000, 2)).toBe(2);
    expect(scoringThreads(82_500_000, 1)).toBe(1);
    expect(scoringThreads(Number.NaN, 2)).toBe(1);
  });
});
