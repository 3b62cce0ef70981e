import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildV1, V1_DIR } from './export-v1.js';
import { LATAM_COUNTRIES } from '../../activities/normalize/geo.js';
import { FeatureEncoder, PRIOR_FEATURES, type MatchJob, type MatchProfile } from './features.js';
import { buildLinearModel } from './linear-onnx.js';
import { copyModelFiles, type ModelCard } from './model-store.js';
import { PRIOR_V1_WEIGHTS } from './prior-v1.js';
import { seededRandom } from './simulated-population.js';
import { MatcherScorer } from './scorer.js';

const MODEL_PATH = join(V1_DIR, 'model.onnx');
const card = JSON.parse(readFileSync(join(V1_DIR, 'card.json'), 'utf8')) as ModelCard;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');


describe('committed matcher v1', () => {
  it('is exactly what buildV1() produces, so the model file cannot drift from the code', () => {
    const { model, card: built } = buildV1();
    const committed = readFileSync(MODEL_PATH);

    expect(Buffer.from(model).equals(committed)).toBe(true);
    expect(sha256(committed)).toBe(card.sha256);
    expect(built).toEqual(card);
  });

  it('carries the prior weights in feature order, and they sum to 1', () => {
    expect(card.features).toEqual([...PRIOR_FEATURES]);
    expect(card.weights).toEqual(PRIOR_V1_WEIGHTS);
    const total = PRIOR_FEATURES.reduce((sum, name) => sum + PRIOR_V1_WEIGHTS[name], 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('encodes deterministically and refuses a weight list of the wrong length', () => {
    const spec = { featureNames: ['a', 'b'], weights: [0.3, 0.7], producerVersion: 't', docString: 'd' };
    expect(sha256(buildLinearModel(spec))).toBe(sha256(buildLinearModel({ ...spec })));
    expect(sha256(buildLinearModel({ ...spec, weights: [0.7, 0.3] }))).not.toBe(sha256(buildLinearModel(spec)));
    expect(() => buildLinearModel({ ...spec, weights: [1] })).toThrow(/one weight per feature/);
  });
});

describe('MatcherScorer', () => {
  let scorer: MatcherScorer;
  const dirs: string[] = [];

  beforeAll(async () => {
    scorer = await MatcherScorer.load(MODEL_PATH, card.sha256);
  });

  afterAll(async () => {
    await scorer.release();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a model whose sha256 is not the registered one', async () => {
    const wrong = '0'.repeat(64);
    await expect(MatcherScorer.load(MODEL_PATH, wrong)).rejects.toThrow(/sha256 .* but 0{64} is registered/);
    await expect(MatcherScorer.load(MODEL_PATH, card.trainingData.sha256)).rejects.toThrow(/registered/);
  });

  it('loads a copy of the model from elsewhere when the hash matches, and refuses a card that describes another model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'matcher-test-'));
    dirs.push(dir);
    const copy = copyModelFiles(MODEL_PATH, dir);
    writeFileSync(join(dir, 'card.json'), JSON.stringify({ ...card, sha256: '1'.repeat(64) }));
    await expect(MatcherScorer.load(copy, card.sha256)).rejects.toThrow(/describes a model with sha256 1{64}/);
    copyFileSync(join(V1_DIR, 'card.json'), join(dir, 'card.json'));

    const other = await MatcherScorer.load(copy, card.sha256);
    const [row] = await other.score([[1, 1, 1, 1]]);
    await other.release();

    expect(row?.score).toBeCloseTo(1, 5);
  });

  it('scores the weighted sum of the features, with components that add up to the score', async () => {
    const random = seededRandom(20_261_126);
    const rows = Array.from({ length: 200 }, () => PRIOR_FEATURES.map(() => random()));
    rows.push([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]);

    const scored = await scorer.score(rows);

    expect(scored).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const result = scored[i];
      const expected = PRIOR_FEATURES.reduce((sum, name, j) => sum + PRIOR_V1_WEIGHTS[name] * (row[j] ?? NaN), 0);
      expect(Math.abs((result?.score ?? NaN) - expected)).toBeLessThan(1e-5);
      expect(Object.keys(result?.components ?? {})).toEqual([...PRIOR_FEATURES]);
      PRIOR_FEATURES.forEach((name, j) => {
        expect(Math.abs((result?.components[name] ?? NaN) - PRIOR_V1_WEIGHTS[name] * (row[j] ?? NaN))).toBeLessThan(1e-5);
      });
      const componentSum = Object.values(result?.components ?? {}).reduce((a, b) => a + b, 0);
      expect(Math.abs(componentSum - (result?.score ?? NaN))).toBeLessThan(1e-5);
    });
    expect(new Set(scored.map((r) => r.score)).size).toBeGreaterThan(150);
  });

  it('scores an empty batch as no rows', async () => {
    expect(await scorer.score([])).toEqual([]);
  });
});

describe('prior features (v1)', () => {
  const profile: MatchProfile = {
    userId: 'u',
    skills: ['python', 'sql', 'machine-learning'],
    yearsExperience: 4,
    seniority: null,
    country: 'BR',
    timezone: null,
    salaryFloorUsdMonth: 4000,
    languages: [],
  };
  const job: MatchJob = {
    clusterId: 'job',
    skills: ['python', 'sql'],
    skillsRequired: [],
    skillsNice: [],
    seniority: 'mid',
    yearsRequired: null,
    remoteScope: 'latam',
    remoteCountries: [...LATAM_COUNTRIES],
    tzMinUtcOffset: null,
    tzMaxUtcOffset: null,
    salaryUsdMonthMax: 5000,
    contractType: null,
    language: null,
    postedAtMs: null,
  };
  const encoder = new FeatureEncoder(PRIOR_FEATURES, { now: new Date(), skillSpace: null, collaborative: null });
  const features = (changes: Partial<MatchJob>, who: MatchProfile = profile) => encoder.values(who, { ...job, ...changes });

  it('returns the features in the order of v1’s card', () => {
    expect(features({})).toEqual([1, 1, 1, 1]);
    expect(
      features({ skills: ['python', 'rust', 'golang', 'java'], seniority: 'lead', remoteScope: 'countries', remoteCountries: ['US'], salaryUsdMonthMax: 2000 }),
    ).toEqual([0.25, 5 / 8, 0, 0.5]);
  });

  it('skills: unknown (0.5) without job skills, else the share of job skills the profile has', () => {
    expect(features({ skills: [] })[0]).toBe(0.5);
    expect(features({ skills: ['python', 'sql'] })[0]).toBe(1);
    expect(features({ skills: ['python', 'kubernetes', 'scala', 'java'] })[0]).toBe(0.25);
    expect(features({ skills: ['kubernetes'] })[0]).toBe(0);
  });

  it('experience: years against the stated requirement, else what the seniority expects (unknown read as mid)', () => {
    expect(features({ seniority: 'senior' })[1]).toBe(5 / 6);
    expect(features({ seniority: 'junior' })[1]).toBe(1);
    expect(features({ seniority: 'intern' })[1]).toBe(1);
    expect(features({ seniority: 'staff' })[1]).toBe(5 / 9);
    expect(features({ seniority: null })[1]).toBe(1);
    expect(features({ seniority: null }, { ...profile, yearsExperience: 0 })[1]).toBe(1 / 3);
    expect(features({ seniority: 'junior', yearsRequired: 9 })[1]).toBe(0.5);
  });

  it('location: who may apply from where the person lives; unknown is 0.5', () => {
    expect(features({ remoteScope: 'unknown' })[2]).toBe(0.5);
    expect(features({ remoteScope: 'brazil', remoteCountries: ['BR'] })[2]).toBe(1);
    expect(features({ remoteScope: 'global' })[2]).toBe(1);
    expect(features({ remoteScope: 'countries', remoteCountries: ['US'] })[2]).toBe(0);
    expect(features({ remoteScope: 'countries', remoteCountries: ['US'] }, { ...profile, country: 'US' })[2]).toBe(1);
    expect(features({ remoteScope: 'latam' }, { ...profile, country: 'DE' })[2]).toBe(0);
    expect(features({ remoteScope: 'global' }, { ...profile, country: null })[2]).toBe(0.5);
  });

  it('location: a time-zone window scales the fit by the shared working hours', () => {
    const saoPaulo = { ...profile, timezone: 'America/Sao_Paulo' };
    expect(features({ remoteScope: 'global', tzMinUtcOffset: -3, tzMaxUtcOffset: -3 }, saoPaulo)[2]).toBe(1);
    const farAway = features({ remoteScope: 'global', tzMinUtcOffset: 8, tzMaxUtcOffset: 9 }, saoPaulo)[2] ?? 1;
    expect(farAway).toBeGreaterThanOrEqual(0.5);
    expect(farAway).toBeLessThan(1);
  });

  it('salary: 1 at or above the floor, a fraction below it, 0.5 when either side is unknown', () => {
    expect(features({ salaryUsdMonthMax: 9000 })[3]).toBe(1);
    expect(features({ salaryUsdMonthMax: 4000 })[3]).toBe(1);
    expect(features({ salaryUsdMonthMax: 3000 })[3]).toBe(0.75);
    expect(features({ salaryUsdMonthMax: null })[3]).toBe(0.5);
    expect(features({}, { ...profile, salaryFloorUsdMonth: null })[3]).toBe(0.5);
    expect(features({}, { ...profile, salaryFloorUsdMonth: 0 })[3]).toBe(0.5);
  });
});
