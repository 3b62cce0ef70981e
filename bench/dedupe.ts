// Near-duplicate detection: quality on fixtures/dedupe/pairs.jsonl and throughput on synthetic
// corpora, MinHash-LSH + verification side by side with a plain TF-IDF cosine threshold.
// Sizes from BENCH_DEDUPE_SIZES (default "100000"; add 1000000 for the million run, which does not yet
// meet its 2-minute target on the synthetic corpus); the quadratic baseline runs at
// BENCH_DEDUPE_BASELINE_N (default 5000) postings and its time at the largest size is extrapolated.
// Each throughput run is a child process of this file, so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LshIndex } from '../activities/dedupe/lsh.js';
import { DEFAULT_MINHASH } from '../activities/dedupe/minhash.js';
import { DEFAULT_THRESHOLDS, preparePosting, signatureText, verifyPrepared } from '../activities/dedupe/verify.js';
import type { DedupePosting, PreparedPosting } from '../activities/dedupe/verify.js';
import { htmlToPlainText } from '../activities/normalize/html-text.js';
import { foldForMatching } from '../activities/normalize/text-fold.js';
import { PROJECT_ROOT } from '../cli/config.js';
import type { LabelledPair } from '../fixtures/dedupe/make-pairs.js';
import { baseItems, seeded, syntheticPostings } from './corpus.js';

const PLANTED_RATE = 0.05;
const SENTENCES_PER_POSTING = 8;

// ---------- TF-IDF cosine baseline ----------

function words(text: string): string[] {
  return foldForMatching(text.normalize('NFC')).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Unit-length TF-IDF vectors as parallel sorted term-id / weight arrays, IDF from the given corpus. */
function tfidfVectors(texts: string[]): { terms: Uint32Array; weights: Float64Array }[] {
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
    const weights = Float64Array.from(terms, (id) => (counts.get(id) as number) * Math.log((1 + texts.length) / (1 + (df[id] as number))) + 0);
    const norm = Math.hypot(...weights) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    return { terms, weights };
  });
}

function cosine(a: { terms: Uint32Array; weights: Float64Array }, b: { terms: Uint32Array; weights: Float64Array }): number {
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

function evaluate(method: string, items: Scored[], defaultThreshold: number | null) {
  const tuned = tune(items);
  // Two folds: tune on even pairs, test on odd ones and back; the honest figure for a tuned threshold.
  const folds = [0, 1].map((fold) => {
    const train = items.filter((_, i) => i % 2 === fold);
    const test = items.filter((_, i) => i % 2 !== fold);
    return prf(test, tune(train)).f1;
  });
  const atDefault = prf(items, defaultThreshold ?? tuned);
  const round = (x: number) => Number(x.toFixed(3));
  return {
    method,
    threshold: round(defaultThreshold ?? tuned),
    precision: round(atDefault.precision),
    recall: round(atDefault.recall),
    f1: round(atDefault.f1),
    tunedThreshold: round(tuned),
    tunedF1: round(prf(items, tuned).f1),
    crossValidatedF1: round((folds[0]! + folds[1]!) / 2),
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
    const index = new LshIndex();
    index.add(a.id, a.signature);
    const result = verifyPrepared(a, b, { ...DEFAULT_THRESHOLDS, minScore: 0 });
    return { score: result.score, eligible: index.candidates(b.signature).has(a.id) && result.duplicate, duplicate: pair.duplicate };
  });
  const vectors = tfidfVectors(pairs.flatMap((pair) => [signatureText(pair.a), signatureText(pair.b)]));
  const baseline: Scored[] = pairs.map((pair, i) => ({ score: cosine(vectors[2 * i]!, vectors[2 * i + 1]!), eligible: true, duplicate: pair.duplicate }));
  const kinds: Record<string, number> = {};
  for (const pair of pairs) kinds[pair.kind] = (kinds[pair.kind] ?? 0) + 1;
  return { pairs: pairs.length, kinds, methods: [evaluate('minhash-lsh+verify', minhash, DEFAULT_THRESHOLDS.minScore), evaluate('tfidf-cosine', baseline, null)] };
}

// ---------- throughput on a synthetic corpus ----------

/**
 * N postings from bench/corpus.ts, each description a draw of sentences from the demo fixtures'
 * plain text (their ~20 descriptions alone would make every posting a near-copy of 1/20 of the
 * corpus), and PLANTED_RATE of them edited copies of a recent posting: one sentence replaced.
 */
async function* corpus(n: number): AsyncGenerator<{ posting: DedupePosting; plantedFrom: number }> {
  const base = await baseItems();
  const pool = [...new Set(base.flatMap((item) => htmlToPlainText(item.descriptionHtml).split(/\n+|(?<=[.!?])\s+/)).map((s) => s.trim()).filter((s) => s.length > 25))];
  const random = seeded(7);
  const sentences = new Uint32Array(n * SENTENCES_PER_POSTING);
  const heads: { title: string; company: string | null; location: string | null; postedAt: string | null }[] = [];
  let i = 0;
  for (const item of syntheticPostings(base, n)) {
    let plantedFrom = -1;
    let head = { title: item.title, company: item.company, location: item.location, postedAt: item.postedAt };
    const own = sentences.subarray(i * SENTENCES_PER_POSTING, (i + 1) * SENTENCES_PER_POSTING);
    if (i > 0 && random() < PLANTED_RATE) {
      plantedFrom = i - 1 - Math.floor(random() * Math.min(i, 2000));
      head = heads[plantedFrom] as typeof head;
      own.set(sentences.subarray(plantedFrom * SENTENCES_PER_POSTING, (plantedFrom + 1) * SENTENCES_PER_POSTING));
      own[Math.floor(random() * SENTENCES_PER_POSTING)] = Math.floor(random() * pool.length);
    } else {
      for (let s = 0; s < SENTENCES_PER_POSTING; s++) own[s] = Math.floor(random() * pool.length);
    }
    heads.push(head);
    const text = Array.from(own, (s) => pool[s] as string).join('\n');
    yield { posting: { id: String(i), ...head, text }, plantedFrom };
    i++;
  }
}

interface Throughput {
  method: string;
  postings: number;
  seconds: number;
  postingsPerSecond: number;
  peakRssMb: number;
  candidatesPerPosting: number;
  plantedRecall: number;
  unplantedMatches: number;
}

async function throughputMinhash(n: number): Promise<Throughput> {
  const index = new LshIndex();
  const signatures = new Uint32Array(n * DEFAULT_MINHASH.numPerm);
  const prepared: PreparedPosting[] = [];
  let peak = 0;
  let dedupeMs = 0;
  let candidates = 0;
  let planted = 0;
  let found = 0;
  let unplanted = 0;
  for await (const { posting, plantedFrom } of corpus(n)) {
    const started = performance.now();
    const i = prepared.length;
    const p = preparePosting(posting, DEFAULT_MINHASH, signatures.subarray(i * DEFAULT_MINHASH.numPerm, (i + 1) * DEFAULT_MINHASH.numPerm));
    let best = -1;
    let bestScore = -1;
    for (const id of index.candidates(p.signature)) {
      candidates++;
      const other = Number(id);
      const result = verifyPrepared(p, prepared[other] as PreparedPosting);
      if (result.duplicate && result.score > bestScore) [best, bestScore] = [other, result.score];
    }
    index.add(posting.id, p.signature);
    prepared.push(p);
    dedupeMs += performance.now() - started;
    if (plantedFrom >= 0) planted++;
    if (best >= 0 && best === plantedFrom) found++;
    else if (best >= 0) unplanted++;
    if (i % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  return result('minhash-lsh+verify', n, dedupeMs, Math.max(peak, process.memoryUsage().rss), candidates, planted, found, unplanted);
}

async function throughputBaseline(n: number): Promise<Throughput> {
  const items: { posting: DedupePosting; plantedFrom: number }[] = [];
  for await (const item of corpus(n)) items.push(item);
  const threshold = labelledQuality().methods[1]!.tunedThreshold;
  const started = performance.now();
  // IDF over the whole corpus up front: the plain method, kinder to it than an incremental IDF.
  const vectors = tfidfVectors(items.map((item) => signatureText(item.posting)));
  let planted = 0;
  let found = 0;
  let unplanted = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestScore = threshold;
    for (let j = 0; j < i; j++) {
      const score = cosine(vectors[i]!, vectors[j]!);
      if (score >= bestScore) [best, bestScore] = [j, score];
    }
    const plantedFrom = items[i]!.plantedFrom;
    if (plantedFrom >= 0) planted++;
    if (best >= 0 && best === plantedFrom) found++;
    else if (best >= 0) unplanted++;
  }
  return result('tfidf-cosine', n, performance.now() - started, process.memoryUsage().rss, (n * (n - 1)) / 2, planted, found, unplanted);
}

function result(method: string, n: number, ms: number, rss: number, candidates: number, planted: number, found: number, unplanted: number): Throughput {
  return {
    method,
    postings: n,
    seconds: Number((ms / 1000).toFixed(2)),
    postingsPerSecond: Math.round(n / (ms / 1000)),
    peakRssMb: Math.round(rss / 1024 / 1024),
    candidatesPerPosting: Number((candidates / n).toFixed(2)),
    plantedRecall: Number((found / Math.max(planted, 1)).toFixed(4)),
    unplantedMatches: unplanted,
  };
}

// ---------- driver ----------

const child = process.env.BENCH_DEDUPE_CHILD;
if (child) {
  const [method, size] = child.split(':');
  const measured = method === 'baseline' ? await throughputBaseline(Number(size)) : await throughputMinhash(Number(size));
  process.stdout.write(`${JSON.stringify(measured)}\n`);
} else {
  const quality = labelledQuality();
  console.log(`labelled pairs: ${quality.pairs}`, quality.kinds);
  console.table(quality.methods);
  const sizes = (process.env.BENCH_DEDUPE_SIZES ?? '100000').split(',').map(Number).filter((x) => x > 0);
  const baselineN = Number(process.env.BENCH_DEDUPE_BASELINE_N ?? 5000);
  const runs: Throughput[] = [];
  for (const [method, size] of [...sizes.map((s) => ['minhash', s] as const), ['baseline', baselineN] as const]) {
    const out = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url)], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BENCH_DEDUPE_CHILD: `${method}:${size}` },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (out.status !== 0) throw new Error(`${method} at ${size} failed: ${out.stderr}`);
    runs.push(JSON.parse(out.stdout.trim().split('\n').pop() as string) as Throughput);
  }
  const baseline = runs[runs.length - 1] as Throughput;
  const largest = Math.max(...sizes);
  // All pairs: time grows with n², so this is what the baseline would need at the largest size.
  const baselineExtrapolatedSeconds = Math.round(baseline.seconds * (largest / baseline.postings) ** 2);
  console.table(runs);
  console.log(`tfidf-cosine measured at ${baseline.postings} postings only (all pairs); extrapolated to ${largest}: ~${baselineExtrapolatedSeconds} s`);
  mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
  const report = { date: new Date().toISOString(), quality, throughput: runs, baselineExtrapolated: { postings: largest, seconds: baselineExtrapolatedSeconds } };
  writeFileSync(join(PROJECT_ROOT, 'bench/results/dedupe.json'), `${JSON.stringify(report, null, 2)}\n`);
}
