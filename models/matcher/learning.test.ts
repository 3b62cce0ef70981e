import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../activities/normalize/skills.js';
import type { FeedbackRow } from '../../warehouse/ml.js';
import { CollaborativeSignals, collaborativeValue } from './collaborative.js';
import { buildV1 } from './export-v1.js';
import { FeatureEncoder, type MatchJob, type MatchProfile } from './features.js';
import { feedbackGrade } from './labels.js';
import { auc, isBetter, ndcgAt, rankingMetrics } from './metrics.js';
import { MatcherScorer } from './scorer.js';
import { seededRandom } from './simulated-population.js';
import { learnSkillSpace } from './skill-space.js';
import { fitLogistic, servedWeights } from './trainer.js';
import { isHeldOut, trainCandidate } from './training.js';

const taxonomy = loadTaxonomy();
const NOW = new Date('2026-11-26T12:00:00Z');
const DAY = 86_400_000;


function job(clusterId: string, changes: Partial<MatchJob> = {}): MatchJob {
  return {
    clusterId,
    skills: ['python', 'sql'],
    skillsRequired: [],
    skillsNice: [],
    seniority: 'mid',
    yearsRequired: null,
    remoteScope: 'global',
    remoteCountries: [],
    tzMinUtcOffset: null,
    tzMaxUtcOffset: null,
    salaryUsdMonthMax: null,
    contractType: null,
    language: null,
    postedAtMs: null,
    ...changes,
  };
}

function profile(userId: string, changes: Partial<MatchProfile> = {}): MatchProfile {
  return { userId, skills: ['python'], yearsExperience: 3, seniority: 'mid', country: 'BR', timezone: null, salaryFloorUsdMonth: null, languages: [], ...changes };
}

describe('skill space', () => {
  // PyTorch and TensorFlow never share a job here, but share every context: their vectors are close.
  const corpus = [
    ...Array.from({ length: 6 }, () => ['pytorch', 'python', 'machine-learning']),
    ...Array.from({ length: 6 }, () => ['tensorflow', 'python', 'machine-learning']),
    ...Array.from({ length: 6 }, () => ['excel', 'power-bi']),
    ['rust'],
  ];
  const space = learnSkillSpace(corpus, taxonomy);
  const similarity = (a: string, b: string) => space.neighbors[a]?.find(([other]) => other === b)?.[1] ?? 0;

  it('weighs rare skills above common ones (smoothed IDF), and knows the weight of an unseen skill', () => {
    expect(space.documents).toBe(19);
    expect(space.idf.rust).toBeGreaterThan(space.idf.pytorch ?? Infinity);
    expect(space.idf.pytorch).toBeGreaterThan(space.idf.python ?? Infinity);
    expect(space.defaultIdf).toBeGreaterThan(space.idf.rust ?? Infinity);
  });

  it('makes skills used in the same contexts close, and unrelated ones not', () => {
    expect(similarity('pytorch', 'tensorflow')).toBeGreaterThan(0.5);
    expect(similarity('pytorch', 'tensorflow')).toBeLessThanOrEqual(0.8);
    expect(similarity('pytorch', 'power-bi')).toBe(0);
  });

  it('puts the taxonomy’s curated relations under the learned similarity, both ways', () => {
    const withRelation = taxonomy.skills.find((s) => s.related.length > 0 && !corpus.flat().includes(s.id));
    const other = withRelation?.related[0] ?? '';
    expect(similarity(withRelation?.id ?? '', other)).toBe(0.5);
    expect(similarity(other, withRelation?.id ?? '')).toBeGreaterThanOrEqual(0.5);
    for (const list of Object.values(space.neighbors)) expect(list.length).toBeLessThanOrEqual(20);
  });

  it('is the same every time', () => {
    expect(JSON.stringify(learnSkillSpace(corpus, taxonomy))).toBe(JSON.stringify(space));
  });
});

describe('collaborative signals', () => {
  const skills = new Map([
    ['ana', ['python', 'sql', 'pandas']],
    ['bia', ['python', 'sql', 'pandas']],
    ['caio', ['excel', 'power-bi']],
  ]);
  const signals = new CollaborativeSignals(
    [
      { userId: 'bia', clusterId: 'j1', positive: true },
      { userId: 'caio', clusterId: 'j1', positive: false },
      { userId: 'ana', clusterId: 'j2', positive: true },
      { userId: 'ghost', clusterId: 'j3', positive: true }, // no profile: cannot be compared with anyone
    ],
    skills,
  );

  it('follows the look-alikes, shrunk toward unknown; own feedback never counts', () => {
    const value = (userId: string, clusterId: string) => {
      const votes = signals.votesFor(clusterId);
      return votes && collaborativeValue(votes, signals.peers(userId, skills.get(userId) ?? []));
    };
    expect(signals.size).toBe(3);
    expect(value('ana', 'j1')).toBeCloseTo((1 + 0.5) / (1 + 1), 12); // bia (similarity 1) liked it; caio shares nothing
    expect(value('ana', 'j2')).toBeNull(); // only ana's own verdict
    expect(value('ana', 'j3')).toBeNull(); // nobody comparable
    expect(value('bia', 'j2')).toBeCloseTo(0.75, 12);
    expect(value('caio', 'j1')).toBeNull();
  });
});

describe('feedback grades', () => {
  const base = { saved: false, dismissed: false, rating: null, outcome: null } as const;
  it('ranks what the user did: offer > interview > applied > saved = rejected > dismissed; silence says nothing', () => {
    expect(feedbackGrade({ ...base, outcome: 'offer' })).toBe(4);
    expect(feedbackGrade({ ...base, outcome: 'interview', dismissed: true })).toBe(3);
    expect(feedbackGrade({ ...base, outcome: 'applied' })).toBe(2);
    expect(feedbackGrade({ ...base, outcome: 'rejected' })).toBe(1);
    expect(feedbackGrade({ ...base, saved: true })).toBe(1);
    expect(feedbackGrade({ ...base, saved: true, rating: 5 })).toBe(2);
    expect(feedbackGrade({ ...base, saved: true, rating: 2 })).toBe(0);
    expect(feedbackGrade({ ...base, dismissed: true })).toBe(0);
    expect(feedbackGrade({ ...base, rating: 3 })).toBeNull();
    expect(feedbackGrade(base)).toBeNull();
  });
});

describe('ranking metrics', () => {
  const items = (pairs: [number, number][]) => pairs.map(([score, grade], i) => ({ score, grade, id: `j${i}` }));

  it('AUC: 1 when every like outscores every dislike, 0.5 for ties or a single class', () => {
    expect(auc(items([[0.9, 1], [0.8, 2], [0.1, 0]]))).toBe(1);
    expect(auc(items([[0.1, 1], [0.9, 0]]))).toBe(0);
    expect(auc(items([[0.5, 1], [0.5, 0]]))).toBe(0.5);
    expect(auc(items([[0.5, 1]]))).toBe(0.5);
  });

  it('NDCG@10 with graded gains: 1 for the ideal order, less otherwise, null without relevant items', () => {
    expect(ndcgAt(items([[0.9, 3], [0.5, 1], [0.1, 0]]), 10)).toBe(1);
    const swapped = ndcgAt(items([[0.1, 3], [0.5, 1], [0.9, 0]]), 10) ?? 1;
    const ideal = 7 + 1 / Math.log2(3);
    expect(swapped).toBeCloseTo((1 / Math.log2(3) + 7 / Math.log2(4)) / ideal, 12);
    expect(ndcgAt(items([[0.9, 0]]), 10)).toBeNull();
  });

  it('promotes only a candidate that ranks better without separating worse', () => {
    const m = (ndcg10: number, a: number) => ({ ndcg10, auc: a, users: 1, examples: 1 });
    expect(isBetter(m(0.8, 0.7), m(0.7, 0.7))).toBe(true);
    expect(isBetter(m(0.7, 0.7), m(0.7, 0.7))).toBe(false);
    expect(isBetter(m(0.9, 0.6), m(0.7, 0.7))).toBe(false);
    expect(rankingMetrics(new Map([['u', items([[0.9, 1], [0.1, 0]])]]))).toEqual({ auc: 1, ndcg10: 1, users: 1, examples: 2 });
  });
});

describe('non-negative logistic regression', () => {
  it('puts weight on the features the label depends on, none below zero, the same every run', () => {
    const random = seededRandom(7);
    const rows = 600;
    const x = new Float64Array(rows * 3);
    const y = new Uint8Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const [a, b, c] = [random(), random(), random()];
      x.set([a, b, c], r * 3);
      // Depends on a strongly, on c a little, and against b (which must stay at 0, not go negative).
      y[r] = 3 * a + c - b + 0.3 * (random() - 0.5) > 1.2 ? 1 : 0;
    }
    const matrix = { x, rows, width: 3, y, sampleWeight: new Float64Array(rows).fill(1) };
    const fit = fitLogistic(matrix);
    const [a = 0, b = 0, c = 0] = fit.weights;
    expect(a).toBeGreaterThan(c);
    expect(c).toBeGreaterThan(0);
    expect(b).toBe(0);
    expect(fitLogistic(matrix)).toEqual(fit);
    const served = servedWeights(fit) ?? [];
    expect(served.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(servedWeights({ bias: 0, weights: [0, 0], logLoss: 1 })).toBeNull();
  });
});

describe('features beyond the prior', () => {
  const space = learnSkillSpace(
    [
      ...Array.from({ length: 6 }, () => ['pytorch', 'python', 'machine-learning']),
      ...Array.from({ length: 6 }, () => ['tensorflow', 'python', 'machine-learning']),
      ...Array.from({ length: 3 }, () => ['rust', 'python']),
    ],
    taxonomy,
  );
  const encoder = new FeatureEncoder(
    ['skillImportance', 'skillSimilarity', 'seniority', 'remote', 'timezone', 'salaryLocal', 'language', 'recency', 'collaborative'],
    { now: NOW, skillSpace: space, collaborative: new CollaborativeSignals([{ userId: 'bia', clusterId: 'liked', positive: true }], new Map([['bia', ['pytorch']]])) },
  );
  const of = (who: MatchProfile, what: MatchJob) => encoder.values(who, what);

  it('skillImportance: rare and required skills weigh more than common and nice-to-have ones', () => {
    const ana = profile('ana', { skills: ['rust'] });
    const rareRequired = of(ana, job('a', { skills: ['rust', 'python'], skillsRequired: ['rust'], skillsNice: ['python'] }))[0] ?? 0;
    const rareNice = of(ana, job('b', { skills: ['rust', 'python'], skillsRequired: ['python'], skillsNice: ['rust'] }))[0] ?? 0;
    expect(rareRequired).toBeGreaterThan(0.5);
    expect(rareNice).toBeLessThan(rareRequired);
    expect(of(ana, job('c', { skills: [] }))[0]).toBe(0.5);
  });

  it('skillSimilarity: a related skill earns partial credit, never as much as the skill', () => {
    const tf = job('tf', { skills: ['tensorflow'] });
    expect(of(profile('p', { skills: ['pytorch'] }), tf)[1]).toBeGreaterThan(0.3);
    expect(of(profile('p', { skills: ['pytorch'] }), tf)[1]).toBeLessThan(1);
    expect(of(profile('t', { skills: ['tensorflow'] }), tf)[1]).toBe(1);
    expect(of(profile('x', { skills: ['excel'] }), tf)[1]).toBe(0);
  });

  it('seniority: one level apart is half a fit, two is none, unknown is 0.5', () => {
    const mid = profile('m', { seniority: 'mid' });
    expect(of(mid, job('j', { seniority: 'mid' }))[2]).toBe(1);
    expect(of(mid, job('j', { seniority: 'senior' }))[2]).toBe(0.5);
    expect(of(mid, job('j', { seniority: 'lead' }))[2]).toBe(0);
    expect(of(mid, job('j', { seniority: null }))[2]).toBe(0.5);
  });

  it('remote and timezone: eligibility alone, then the shared hours', () => {
    const br = profile('b', { timezone: 'America/Sao_Paulo' });
    expect(of(br, job('j', { remoteScope: 'countries', remoteCountries: ['US'] }))[3]).toBe(0);
    expect(of(br, job('j', { remoteScope: 'latam', remoteCountries: ['BR', 'AR'] }))[3]).toBe(1);
    expect(of(br, job('j', { remoteScope: 'unknown' }))[3]).toBe(0.5);
    expect(of(br, job('j', { tzMinUtcOffset: -3, tzMaxUtcOffset: -3 }))[4]).toBe(1);
    expect(of(br, job('j', { tzMinUtcOffset: 8, tzMaxUtcOffset: 9 }))[4]).toBeLessThan(0.5);
    expect(of(br, job('j'))[4]).toBe(0.5);
  });

  it('salaryLocal: a CLT month is worth 13.33 salaries plus 8% FGTS over twelve', () => {
    const floor = profile('s', { salaryFloorUsdMonth: 6000 });
    expect(of(floor, job('j', { salaryUsdMonthMax: 5000, contractType: 'pj' }))[5]).toBeCloseTo(5000 / 6000, 12);
    expect(of(floor, job('j', { salaryUsdMonthMax: 5000, contractType: 'clt' }))[5]).toBeCloseTo(1, 12);
    expect(of(floor, job('j', { salaryUsdMonthMax: 4000, contractType: 'clt' }))[5]).toBeCloseTo((4000 * 1.2) / 6000, 12);
  });

  it('language, recency and collaborative', () => {
    const ana = profile('ana', { languages: ['pt', 'en'], skills: ['pytorch'] });
    expect(of(ana, job('j', { language: 'en' }))[6]).toBe(1);
    expect(of(ana, job('j', { language: 'es' }))[6]).toBe(0);
    expect(of(profile('nobody'), job('j', { language: 'es' }))[6]).toBe(0.5);
    expect(of(ana, job('j', { postedAtMs: NOW.getTime() }))[7]).toBe(1);
    expect(of(ana, job('j', { postedAtMs: NOW.getTime() - 30 * DAY }))[7]).toBeCloseTo(0.5, 12);
    expect(of(ana, job('liked'))[8]).toBeCloseTo(0.75, 12);
    expect(of(ana, job('unseen'))[8]).toBe(0.5);
  });

  it('refuses skill features without the model’s skill space, and unknown names', () => {
    expect(() => new FeatureEncoder(['skillSimilarity'], { now: NOW, skillSpace: null, collaborative: null })).toThrow(/skill space/);
    expect(() => new FeatureEncoder(['nope' as 'skills'], { now: NOW, skillSpace: null, collaborative: null })).toThrow(/unknown features: nope/);
  });
});

/**
 * A small population whose hidden taste the prior mostly does not know: everyone wants postings in
 * a language they speak, and fresh ones; pay (which the prior sees) matters a little.
 */
function population(seed: number) {
  const random = seededRandom(seed);
  const languages = ['en', 'pt', 'es'];
  const jobs = Array.from({ length: 120 }, (_, i) =>
    job(`job${String(i).padStart(3, '0')}`, {
      skills: random() < 0.5 ? ['python', 'sql'] : ['python', 'pandas'],
      language: languages[i % 3] ?? 'en',
      postedAtMs: NOW.getTime() - Math.floor(random() * 90) * DAY,
      salaryUsdMonthMax: 3000 + Math.floor(random() * 5000),
    }),
  );
  const profiles = Array.from({ length: 12 }, (_, u) =>
    profile(`user${String(u).padStart(2, '0')}`, { skills: ['python', 'sql', 'pandas'], languages: [languages[u % 3] ?? 'en'], salaryFloorUsdMonth: 4000 }),
  );
  const feedback: FeedbackRow[] = [];
  for (const p of profiles) {
    for (const j of jobs) {
      if (random() > 0.5) continue;
      const fresh = 1 - (NOW.getTime() - (j.postedAtMs ?? 0)) / (90 * DAY);
      const pay = ((j.salaryUsdMonthMax ?? 3000) - 3000) / 5000;
      const utility = (p.languages.includes(j.language ?? '') ? 2 : 0) + fresh + 0.8 * pay + 0.3 * random();
      const state = { saved: false, dismissed: false, rating: null, outcome: null };
      const verdict = utility > 2.6 ? { outcome: 'applied' as const } : utility > 2 ? { saved: true } : { dismissed: true };
      feedback.push({ userId: p.userId, clusterId: j.clusterId, atMs: NOW.getTime(), ...state, ...verdict });
    }
  }
  return { profiles, jobs, feedback };
}

describe('trainCandidate', () => {
  const v1 = buildV1();
  const active = { model: v1.model, card: v1.card, skillSpace: null };
  const request = { version: 'v2', dataSha256: 'f'.repeat(64), taxonomy, now: NOW };

  it('learns what the prior misses and beats it on held-out feedback, measured through ONNX', async () => {
    const set = population(42);
    const outcome = await trainCandidate(set, active, request);
    if (!outcome.trained) throw new Error(outcome.reason);
    expect(outcome.better).toBe(true);
    expect(outcome.metrics.ndcg10).toBeGreaterThan(outcome.baseline.ndcg10 + 0.1);
    expect(outcome.metrics.auc).toBeGreaterThan(0.85);
    const { card } = outcome.candidate;
    expect(card.weights.language).toBeGreaterThan(card.weights.skills ?? 1);
    expect(Object.values(card.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(card.trainingData).toMatchObject({ kind: 'feedback', sha256: request.dataSha256 });
    expect(card.baseline).toMatchObject({ version: 'v1', metrics: { ndcg10: outcome.baseline.ndcg10 } });
    expect(card.trainingData.kind === 'feedback' && card.trainingData.heldOut).toBe(set.feedback.filter((f) => isHeldOut(f.userId, f.clusterId)).length);
    // Fewer than five users with feedback in the training split would leave collaborative out; twelve bring it in.
    expect(card.features).toContain('collaborative');

    // The ONNX graph computes exactly the specification's weighted sum (float32 against float64).
    const scorer = await MatcherScorer.fromBytes(outcome.candidate.model, card.sha256, card.features);
    const encoder = new FeatureEncoder(card.features, { now: NOW, skillSpace: outcome.candidate.skillSpace, collaborative: null });
    const rows = set.jobs.map((j) => encoder.values(set.profiles[0] as MatchProfile, j));
    const { scores, components } = await scorer.run(Float32Array.from(rows.flat()), rows.length);
    await scorer.release();
    rows.forEach((row, i) => {
      const reference = row.reduce((sum, value, k) => sum + (card.weights[card.features[k] ?? ''] ?? 0) * value, 0);
      expect(Math.abs((scores[i] ?? NaN) - reference)).toBeLessThan(1e-6);
      const parts = components.subarray(i * row.length, (i + 1) * row.length).reduce((a, b) => a + b, 0);
      expect(Math.abs(parts - (scores[i] ?? NaN))).toBeLessThan(1e-6);
    });
  });

  it('measures an ablated candidate as worse, so the rule would not promote it', async () => {
    // Every job needs skills this population has: a skills-only model ranks by nothing.
    const outcome = await trainCandidate(population(42), active, { ...request, features: ['skills'] });
    if (!outcome.trained) throw new Error(outcome.reason);
    expect(outcome.candidate.card.features).toEqual(['skills']);
    expect(outcome.metrics.ndcg10).toBeLessThan(outcome.baseline.ndcg10);
    expect(outcome.better).toBe(false);
  });

  it("learns its skill statistics from public jobs, not from jobs found only on users' own sources", async () => {
    const set = population(42);
    const own = job('private-feed-job', { skills: ['python', 'rust'], language: 'en', postedAtMs: NOW.getTime() });
    const outcome = await trainCandidate({ ...set, jobs: [...set.jobs, { ...own, ownSourcesOnly: true }] }, active, request);
    if (!outcome.trained) throw new Error(outcome.reason);
    expect(outcome.candidate.skillSpace?.documents).toBe(set.jobs.length);
    expect(outcome.candidate.skillSpace?.idf.rust).toBeUndefined();
    const shared = await trainCandidate({ ...set, jobs: [...set.jobs, own] }, active, request);
    if (!shared.trained) throw new Error(shared.reason);
    expect(shared.candidate.skillSpace?.idf.rust).toBeGreaterThan(0);
  });

  it('does not train on too little feedback', async () => {
    const set = population(42);
    const outcome = await trainCandidate({ ...set, feedback: set.feedback.slice(0, 30) }, active, request);
    expect(outcome).toMatchObject({ trained: false, reason: expect.stringMatching(/not enough feedback yet: 30 graded rows/) });
  });
});
