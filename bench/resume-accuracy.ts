// Field-level accuracy of the offline résumé parser (extract text → structure) on the authored
// corpus (fixtures/resumes/people.ts rendered by layouts.ts: 3 languages × 4 layouts per set), and
// the parse time per two-page PDF. `npm run bench -- resume-accuracy`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractResumeText } from '../activities/resume/extract-text.js';
import { structureResume, type ResumeDraft } from '../activities/resume/structure.js';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { CORPUS_DIR, LAYOUTS, fileName, type Layout } from '../fixtures/resumes/layouts.js';
import { BENCH_NOW, PEOPLE, type Person } from '../fixtures/resumes/people.js';

const TIMING_RUNS = Number(process.env.BENCH_RESUME_RUNS ?? 20);
const matcher = new SkillMatcher(loadTaxonomy());

/** Right / total per field; a list field scores each truth item, and each extra item found counts as wrong. */
type Tally = Record<string, { right: number; total: number }>;
const add = (t: Tally, field: string, right: number, total = 1) => {
  t[field] ??= { right: 0, total: 0 };
  t[field].right += right;
  t[field].total += total;
};

// Levels are printed as words or CEFR codes; these classes are what "the same level" means.
const LEVEL_CLASS: Record<string, string> = { native: 'native', fluent: 'fluent', C2: 'fluent', advanced: 'advanced', C1: 'advanced', B2: 'intermediate', intermediate: 'intermediate', B1: 'intermediate', basic: 'basic', A2: 'basic', A1: 'basic' };

function score(p: Person, d: ResumeDraft, t: Tally, misses: string[]): void {
  const check = (field: string, got: unknown, want: unknown) => {
    const ok = JSON.stringify(got) === JSON.stringify(want);
    add(t, field, ok ? 1 : 0);
    if (!ok) misses.push(`${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  check('name', d.name, p.name);
  check('email', d.contact.email, p.email);
  check('phone', d.contact.phone, p.phone.e164);
  check('linkedin', d.contact.linkedin, p.linkedin ? `https://www.linkedin.com/in/${p.linkedin}` : null);
  check('city', d.contact.city, p.city);
  check('country', d.contact.country, p.country.iso2);
  p.jobs.forEach((job, i) => {
    const got = d.experience[i];
    check('job title', got?.title ?? null, job.title);
    check('job company', got?.company ?? null, job.company);
    check('job dates', got ? [got.start, got.end, got.current] : null, [job.start, job.end, job.end === null]);
  });
  if (d.experience.length > p.jobs.length) add(t, 'job dates', 0, d.experience.length - p.jobs.length);
  p.education.forEach((e, i) => {
    const got = d.education[i];
    check('degree', got?.degree ?? null, e.degree);
    check('institution', got?.institution ?? null, e.institution);
    check('education dates', got ? [got.start, got.end] : null, [`${e.start}-01`, `${e.end}-12`]);
  });
  const found = new Map(d.languages.map((l) => [l.language, l.level ? LEVEL_CLASS[l.level] ?? l.level : null]));
  for (const l of p.languages) check('language + level', [l.code, found.get(l.code) ?? null], [l.code, l.level]);
  const extra = d.languages.filter((l) => !p.languages.some((w) => w.code === l.language));
  if (extra.length) {
    add(t, 'language + level', 0, extra.length);
    misses.push(`languages: extra ${extra.map((l) => l.language).join(', ')}`);
  }
  const got = new Set(d.skills.map((s) => s.skill));
  const want = new Set(p.skills);
  add(t, 'skills recall', [...want].filter((s) => got.has(s)).length, want.size);
  add(t, 'skills precision', [...got].filter((s) => want.has(s)).length, got.size);
  const missed = [...want].filter((s) => !got.has(s));
  const wrong = [...got].filter((s) => !want.has(s));
  if (missed.length || wrong.length) misses.push(`skills: missed [${missed.join(', ')}], extra [${wrong.join(', ')}]`);
  check('total years', d.totalYearsExperience, p.totalYears);
  check('seniority', d.seniority, p.seniority);
}

const pct = (r: { right: number; total: number } | undefined) => (r && r.total ? `${((100 * r.right) / r.total).toFixed(0)}%` : '—');
const overall = (t: Tally) => {
  const all = Object.values(t).reduce((a, b) => ({ right: a.right + b.right, total: a.total + b.total }), { right: 0, total: 0 });
  return all;
};

const results: Record<string, unknown> = {};
const verbose = process.argv.includes('--misses');
for (const set of ['dev', 'held-out'] as const) {
  const byField: Tally = {};
  const byCell = new Map<string, Tally>();
  const misses: string[] = [];
  for (const person of PEOPLE.filter((p) => p.set === set)) {
    for (const layout of LAYOUTS) {
      const bytes = readFileSync(join(CORPUS_DIR, fileName(person, layout)));
      const extracted = await extractResumeText(bytes);
      const draft = structureResume(extracted.text, matcher, BENCH_NOW, { prominentLine: extracted.prominentLine });
      const cell: Tally = {};
      const cellMisses: string[] = [];
      score(person, draft, cell, cellMisses);
      score(person, draft, byField, []);
      byCell.set(`${person.lang}|${layout}`, cell);
      misses.push(...cellMisses.map((m) => `${person.id} ${layout}: ${m}`));
    }
  }
  console.log(`\n${set} set (${PEOPLE.filter((p) => p.set === set).map((p) => p.id).join(', ')})`);
  console.log(`${'layout'.padEnd(12)} ${['pt', 'es', 'en'].map((l) => l.padStart(6)).join(' ')}   all fields`);
  for (const layout of LAYOUTS) {
    const cells = ['pt', 'es', 'en'].map((lang) => byCell.get(`${lang}|${layout}`)!);
    const merged = cells.map(overall).reduce((a, b) => ({ right: a.right + b.right, total: a.total + b.total }));
    console.log(`${layout.padEnd(12)} ${cells.map((c) => pct(overall(c)).padStart(6)).join(' ')}   ${pct(merged)} (${merged.right}/${merged.total})`);
  }
  console.log('\nper field');
  for (const [field, r] of Object.entries(byField)) console.log(`  ${field.padEnd(18)} ${pct(r).padStart(5)}  (${r.right}/${r.total})`);
  const all = overall(byField);
  console.log(`  ${'all fields'.padEnd(18)} ${pct(all).padStart(5)}  (${all.right}/${all.total})`);
  if (verbose) for (const m of misses) console.log(`  ✗ ${m}`);
  results[set] = {
    fields: Object.fromEntries(Object.entries(byField).map(([k, v]) => [k, { ...v, accuracy: v.right / v.total }])),
    cells: Object.fromEntries([...byCell].map(([k, v]) => [k, overall(v)])),
    all,
    misses,
  };
}

// Parse time of a two-page PDF on the offline path: extraction and structuring together, per file.
const twoPage: { file: string; layout: Layout }[] = [];
for (const person of PEOPLE) {
  for (const layout of ['one-column', 'linkedin'] as const) {
    const bytes = readFileSync(join(CORPUS_DIR, fileName(person, layout)));
    if ((await extractResumeText(bytes)).pages === 2) twoPage.push({ file: fileName(person, layout), layout });
  }
}
const times: number[] = [];
for (let run = 0; run < TIMING_RUNS; run++) {
  for (const { file } of twoPage) {
    const bytes = readFileSync(join(CORPUS_DIR, file));
    const started = performance.now();
    const extracted = await extractResumeText(bytes);
    structureResume(extracted.text, matcher, BENCH_NOW, { prominentLine: extracted.prominentLine });
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const timing = { files: twoPage.length, runs: TIMING_RUNS, medianMs: Number(at(0.5).toFixed(1)), p95Ms: Number(at(0.95).toFixed(1)), maxMs: Number(times.at(-1)!.toFixed(1)) };
console.log(`\nparse time per 2-page PDF (extract + structure, offline), ${timing.files} files × ${timing.runs} runs: median ${timing.medianMs} ms, p95 ${timing.p95Ms} ms, max ${timing.maxMs} ms`);
results.parseTime = timing;

const out = join(PROJECT_ROOT, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'resume-accuracy.json'), `${JSON.stringify(results, null, 2)}\n`);
