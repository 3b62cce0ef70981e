// Near-duplicate detection, MinHash-LSH + verification beside a plain TF-IDF-cosine baseline:
//  - quality on the authored labelled pairs (fixtures/dedupe/pairs.jsonl);
//  - the dedupe stage itself (runDedupe on a DuckDB warehouse) over generated corpora (bench/corpus.ts):
//    time, peak RSS and pairwise precision / recall against the corpus's ground truth, then a second
//    run that brings 1 % new postings (what a scheduled run does: stored signatures, no re-hashing);
//  - the baseline on a small corpus (it compares all pairs), its time extrapolated to the larger sizes.
// Flags (npm run bench -- dedupe --size 1000000): --size N[,N…] (default 100000), --baseline-size N
// (default 5000), --seed N (default 42). Each measured run is a child process, so its peak RSS is its own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BandIndex } from '../activities/dedupe/lsh.js';
import { runDedupe } from '../activities/dedupe/run-dedupe.js';
import { DEFAULT_THRESHOLDS, preparePosting, signatureText, verifyPrepared } from '../activities/dedupe/verify.js';
import { Staging } from '../activities/staging.js';
import { foldForMatching } from '../activities/normalize/text-fold.js';
import { PROJECT_ROOT } from '../cli/config.js';
import type { LabelledPair } from '../fixtures/dedupe/make-pairs.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { childSpec, runInChild } from './child-process.js';
import { COPY_RATES, VARIANT_RATES, generateCorpus, type CorpusPosting } from './corpus.js';
import { clusteredWithTruth, loadCorpus, publishPending, scoreClusters, type Labelled } from './dedupe-corpus.js';
import { writeResults } from './results-file.js';

const CHILD_SPEC = 'BENCH_DEDUPE_CHILD';

/** Share of a corpus that arrives as a second run's batch. */
const NEXT_BATCH = 0.01;

// ---------- TF-IDF cosine baseline ----------

function words(text: string): string[] {
  return foldForMatching(text.normalize('NFC')).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

interface Vector {
  terms: Uint32Array;
  weights: Float64Array;
}

/** Unit-length TF-IDF vectors as parallel sorted term-id / weight arrays, IDF from the given corpus. */
function tfidfVectors(texts: string[]): Vector[] {
  const vocabulary = new Map<string, number>();
  const docs = texts.map((text) => {
    const counts = new Map<number, number>();
    for (const word of words(text)) {
      let id = vocabulary.get(word);
      if (id === undefined) vocabulary.set(word, (id = vocabulary.size));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Uint32Array(vocabulary.size);
  for (const counts of docs) for (const id of counts.keys()) df[id]! += 1;
  return docs.map((counts) => {
    const terms = Uint32Array.from(counts.keys()).sort();
    const weights = Float64Array.from(terms, (id) => (counts.get(id) as number) * Math.log((1 + texts.length) / (1 + (df[id] as number))));
    const norm = Math.hypot(...weights) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms, weights };
  });
}

function cosine(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const x = a.terms[i] as number;
    const y = b.terms[j] as number;
    if (x === y) dot += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

// ---------- quality on the labelled pairs ----------

interface Scored {
  score: number;
  /** Candidate and all vetoes passed: only the score threshold is left to decide. */
  eligible: boolean;
  duplicate: boolean;
}

function prf(items: Scored[], threshold: number): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of items) {
    const predicted = item.eligible && item.score >= threshold;
    if (predicted && item.duplicate) tp++;
    else if (predicted) fp++;
    else if (item.duplicate) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/** Threshold with the best F1 on `items` (ties: the middle of the best run, less fragile than its edge). */
function tune(items: Scored[]): number {
  const grid = Array.from({ length: 91 }, (_, i) => 0.05 + i * 0.01);
  const f1s = grid.map((t) => prf(items, t).f1);
  const best = Math.max(...f1s);
  const winners = grid.filter((_, i) => (f1s[i] as number) >= best - 1e-12);
  return winners[Math.floor(winners.length / 2)] as number;
}

const round3 = (x: number) => Number(x.toFixed(3));

function evaluate(method: string, items: Scored[], defaultThreshold: number | null) {
  const tuned = tune(items);
  // Two folds: tune on even pairs, test on odd ones and back; the honest figure for a tuned threshold.
  const folds = [0, 1].map((fold) => {
    const train = items.filter((_, i) => i % 2 === fold);
    const test = items.filter((_, i) => i % 2 !== fold);
    return prf(test, tune(train)).f1;
  });
  const atDefault = prf(items, defaultThreshold ?? tuned);
  return {
    method,
    threshold: round3(defaultThreshold ?? tuned),
    precision: round3(atDefault.precision),
    recall: round3(atDefault.recall),
    f1: round3(atDefault.f1),
    tunedThreshold: round3(tuned),
    tunedF1: round3(prf(items, tuned).f1),
    crossValidatedF1: round3((folds[0]! + folds[1]!) / 2),
  };
}

function labelledQuality() {
  const pairs: LabelledPair[] = readFileSync(join(PROJECT_ROOT, 'fixtures/dedupe/pairs.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LabelledPair);
  const minhash: Scored[] = pairs.map((pair) => {
    const a = preparePosting(pair.a);
    const b = preparePosting(pair.b);
    const candidate = new BandIndex([a.signature, b.signature], [a.employerTag, b.employerTag]).earlierCandidates(1).length > 0;
    const result = verifyPrepared(a, b, { ...DEFAULT_THRESHOLDS, minScore: 0 });
    return { score: result.score, eligible: candidate && result.duplicate, duplicate: pair.duplicate };
  });
  const vectors = tfidfVectors(pairs.flatMap((pair) => [signatureText(pair.a), signatureText(pair.b)]));
  const baseline: Scored[] = pairs.map((pair, i) => ({ score: cosine(vectors[2 * i]!, vectors[2 * i + 1]!), eligible: true, duplicate: pair.duplicate }));
  const kinds: Record<string, number> = {};
  for (const pair of pairs) kinds[pair.kind] = (kinds[pair.kind] ?? 0) + 1;
  return { pairs: pairs.length, kinds, methods: [evaluate('minhash-lsh+verify', minhash, DEFAULT_THRESHOLDS.minScore), evaluate('tfidf-cosine', baseline, null)] };
}

// ---------- measured runs (each in a child process) ----------

interface Measured {
  seconds: number;
  peakRssMb: number;
  counts: Record<string, number>;
  score: ReturnType<typeof scoreClusters>;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The dedupe stage as the pipeline runs it: one transaction over the warehouse. */
async function stageRun(dir: string, runId: string, next: boolean): Promise<Measured & { batch: number }> {
  const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
  const batch = next ? await publishPending(warehouse) : 0;
  const staging = new Staging(join(dir, 'staging'));
  const started = performance.now();
  const counts = await warehouse.transaction((conn) => runDedupe(conn, { runId, staging }));
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssMb();
  const score = scoreClusters(await clusteredWithTruth(warehouse));
  warehouse.close();
  return { seconds: Number(seconds.toFixed(2)), peakRssMb: peak, counts, score, batch };
}

/** In publication order, as the stage reads them. */
function byPublication(postings: CorpusPosting[]): CorpusPosting[] {
  return postings.sort((a, b) => a.postedAt.localeCompare(b.postedAt) || a.id.localeCompare(b.id));
}

/** Each posting joins the cluster of its most similar earlier posting when the cosine reaches `threshold`. */
function baselineRun(size: number, seed: number, threshold: number): Measured {
  const postings = byPublication([...generateCorpus(size, seed)]);
  const started = performance.now();
  // IDF over the whole corpus up front: the plain method, kinder to it than an incremental IDF.
  const vectors = tfidfVectors(postings.map((p) => signatureText(p)));
  const clusters: string[] = [];
  let comparisons = 0;
  for (let i = 0; i < postings.length; i++) {
    let best = -1;
    let bestScore = threshold;
    for (let j = 0; j < i; j++) {
      const score = cosine(vectors[i]!, vectors[j]!);
      if (score >= bestScore) [best, bestScore] = [j, score];
    }
    comparisons += i;
    clusters.push(best >= 0 ? (clusters[best] as string) : (postings[i] as CorpusPosting).id);
  }
  const seconds = (performance.now() - started) / 1000;
  const rows: Labelled[] = postings.map((p, i) => ({ cluster: clusters[i] as string, job: p.truth.job, kind: p.truth.kind }));
  return { seconds: Number(seconds.toFixed(2)), peakRssMb: peakRssMb(), counts: { postings: size, comparisons }, score: scoreClusters(rows) };
}

async function child(role: string, size: number, seed: number, dir: string, threshold: number): Promise<unknown> {
  switch (role) {
    case 'load': {
      const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
      await migrate(warehouse);
      await loadCorpus(warehouse, generateCorpus(size + Math.round(size * NEXT_BATCH), seed), size);
      warehouse.close();
      return { loaded: size };
    }
    case 'first':
      return stageRun(dir, 'bench-1', false);
    case 'next':
      return stageRun(dir, 'bench-2', true);
    case 'baseline':
      return baselineRun(size, seed, threshold);
    default:
      throw new Error(`unknown role ${role}`);
  }
}

function spawnChild(role: string, size: number, seed: number, dir: string, threshold: number): Promise<unknown> {
  return runInChild(import.meta.url, CHILD_SPEC, { role, size, seed, dir, threshold }, `${role} at ${size}`, { maxOldSpaceMb: 8192 });
}

// ---------- driver ----------

const spec = childSpec<{ role: string; size: number; seed: number; dir: string; threshold: number }>(CHILD_SPEC);
if (spec) {
  const { role, size, seed, dir, threshold } = spec;
  process.stdout.write(`${JSON.stringify(await child(role, size, seed, dir, threshold))}\n`);
} else {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { size: { type: 'string', default: '100000' }, 'baseline-size': { type: 'string', default: '5000' }, seed: { type: 'string', default: '42' } } });
  const sizes = values.size.split(',').map(Number);
  const baselineSize = Number(values['baseline-size']);
  const seed = Number(values.seed);
  if ([...sizes, baselineSize, seed].some((x) => !Number.isInteger(x) || x < 0)) throw new Error('--size, --baseline-size and --seed take non-negative integers');
  const machine = { cpus: availableParallelism(), loadAverage: loadavg().map((x) => Number(x.toFixed(2))) };

  const quality = labelledQuality();
  console.log(`labelled pairs: ${quality.pairs}`, quality.kinds);
  console.table(quality.methods);
  const threshold = quality.methods[1]!.tunedThreshold;

  const runs: Record<string, unknown>[] = [];
  const corpus: Record<string, unknown>[] = [];
  for (const size of [...new Set([baselineSize, ...sizes])].sort((a, b) => a - b)) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-dedupe-'));
    try {
      console.log(`\n» ${size} postings: generating and loading (not timed)…`);
      await spawnChild('load', size, seed, dir, threshold);
      const first = (await spawnChild('first', size, seed, dir, threshold)) as Measured;
      const next = (await spawnChild('next', size, seed, dir, threshold)) as Measured & { batch: number };
      corpus.push({ postings: size, first, next });
      runs.push(row('minhash-lsh+verify', size, first), row(`  next run: +${next.batch}`, next.batch, next));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const baseline = (await spawnChild('baseline', baselineSize, seed, '', threshold)) as Measured;
  runs.push(row('tfidf-cosine (in memory, all pairs)', baselineSize, baseline));

  const atBaselineSize = corpus.find((c) => c.postings === baselineSize)!.first as Measured;
  const ratios = [baselineSize, ...sizes].map((size) => {
    const measured = (corpus.find((c) => c.postings === size)!.first as Measured);
    // All pairs: the baseline's time grows with n².
    const baselineSeconds = baseline.seconds * (size / baselineSize) ** 2;
    return {
      postings: size,
      'baseline s (n² from measured)': Math.round(baselineSeconds),
      'minhash s': measured.seconds,
      'speed-up': Math.round(baselineSeconds / measured.seconds),
    };
  });
  const quality2 = {
    postings: baselineSize,
    'F1 minhash / baseline': round3(atBaselineSize.score.f1 / baseline.score.f1),
    'precision minhash / baseline': round3(atBaselineSize.score.precision / baseline.score.precision),
    'recall minhash / baseline': round3(atBaselineSize.score.recall / baseline.score.recall),
    'peak RSS minhash / baseline': round3(atBaselineSize.peakRssMb / baseline.peakRssMb),
  };

  console.log(`\ncorpus: ${JSON.stringify({ copies: COPY_RATES, hardNegatives: VARIANT_RATES })} (rates of postings and of jobs); seed ${seed}; ${machine.cpus} CPUs, load average ${machine.loadAverage.join(' ')}`);
  console.table(runs);
  for (const c of corpus) console.log(`${c.postings}: copy recall`, (c.first as Measured).score.copyRecall, 'jobs folded into another job', (c.first as Measured).score.foldedIntoOtherJob);
  console.log(`\nbaseline copy recall at ${baselineSize}`, baseline.score.copyRecall, 'folded', baseline.score.foldedIntoOtherJob);
  console.table(ratios);
  console.table([quality2]);

  const report = { date: new Date().toISOString(), machine, seed, quality, corpus, baseline: { postings: baselineSize, threshold, ...baseline }, ratios: { time: ratios, quality: quality2 } };
  writeResults('dedupe', report);
}

function row(method: string, postings: number, m: Measured) {
  return {
    method,
    postings,
    seconds: m.seconds,
    'postings/s': Math.round(postings / m.seconds),
    'peak RSS MB': m.peakRssMb,
    'signed': m.counts.signaturesComputed ?? '',
    'comparisons/posting': m.counts.comparisons !== undefined ? Number((m.counts.comparisons / Math.max(1, postings)).toFixed(1)) : '',
    'largest bucket': m.counts.largestBucket ?? '',
    precision: m.score.precision,
    recall: m.score.recall,
    F1: m.score.f1,
  };
}
