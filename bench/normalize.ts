// Postings per second of the normalize stage's pure function over a synthetic corpus (BENCH_POSTINGS, default 100,000).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePosting } from '../activities/normalize/normalize-posting.js';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { baseItems, syntheticPostings } from './corpus.js';

const COUNT = Number(process.env.BENCH_POSTINGS ?? 100_000);
const skills = new SkillMatcher(loadTaxonomy());
const base = await baseItems();

const started = performance.now();
let withSkills = 0;
let i = 0;
for (const posting of syntheticPostings(base, COUNT)) {
  const normalized = normalizePosting('bench', String(i++), posting, skills);
  if (normalized.skills.length > 0) withSkills += 1;
}
const seconds = (performance.now() - started) / 1000;
const result = {
  postings: COUNT,
  seconds: Number(seconds.toFixed(2)),
  postingsPerSecond: Math.round(COUNT / seconds),
  withSkillsShare: Number((withSkills / COUNT).toFixed(3)),
  peakRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
};
console.table({ normalizePosting: result });
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(PROJECT_ROOT, 'bench/results/normalize.json'), `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
