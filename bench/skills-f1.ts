// Precision, recall and F1 of SkillMatcher against the labelled job ads in ../shared/data/skills-dev:
// the LATAM gold standard (hard skills) and SkillSpan (KNOWLEDGE spans). `npm run bench -- skills-f1`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SkillMatcher, loadTaxonomy } from '../activities/normalize/skills.js';
import { aliasKey } from '../activities/normalize/skill-taxonomy.js';
import { PROJECT_ROOT } from '../cli/config.js';

const DATA_DIR = resolve(PROJECT_ROOT, process.env.SKILLS_DEV_DIR ?? '../shared/data/skills-dev');
const LATAM = join(DATA_DIR, 'latam_gold_dev_150.jsonl');
const SKILLSPAN = join(DATA_DIR, 'skillspan_dev.jsonl');
if (!existsSync(LATAM) || !existsSync(SKILLSPAN)) {
  console.error(`skills-f1: the development data is missing (looked for ${LATAM} and ${SKILLSPAN}).`);
  console.error('It lives in ../shared/data/skills-dev next to this checkout; set SKILLS_DEV_DIR to read it elsewhere.');
  process.exit(1);
}

const taxonomy = loadTaxonomy();
const matcher = new SkillMatcher(taxonomy);
const category = new Map(taxonomy.skills.map((s) => [s.id, s.category]));
const idByAlias = new Map(taxonomy.skills.flatMap((s) => [...s.aliases.en, ...s.aliases.pt, ...s.aliases.es].map((a) => [aliasKey(a), s.id] as const)));
const readJsonl = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const score = ({ tp, fp, fn }: Counts) => {
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (x: number) => Number(x.toFixed(3));
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn };
};
const tally = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k, v]) => `${k} ×${v}`);

/**
 * LATAM: gold labels are normalised Spanish terms, mapped to taxonomy ids through the taxonomy's
 * aliases; a label no alias knows stays its own (always missed) id, and one the taxonomy files as a
 * soft skill is skipped, as soft-skill predictions are. "Literal" scores only the labels
 * whose words appear in the ad's description + requirements (accents and case ignored), since the
 * annotators also inferred skills and many descriptions are cut short; a prediction that matches a
 * non-literal label is then neither right nor wrong. "All labels" scores every label.
 */
function latam() {
  const literal: Counts = { tp: 0, fp: 0, fn: 0 };
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const missed = new Map<string, number>();
  const wrong = new Map<string, number>();
  let literalLabels = 0;
  let mappedLiteralLabels = 0;
  for (const ad of readJsonl(LATAM)) {
    const fields = { description: String(ad.description ?? ''), requirements: String(ad.requirements ?? '') };
    const text = ` ${aliasKey(`${fields.description}\n${fields.requirements}`)} `;
    const predicted = new Set(matcher.find(fields).map((m) => m.skill).filter((id) => category.get(id) !== 'soft_skill'));
    const gold = new Map<string, boolean>();
    for (const label of new Set(ad.hard_skills as string[])) {
      const key = aliasKey(label);
      const id = idByAlias.get(key) ?? `label:${key}`;
      // Soft skills are out of this score on both sides: a label the taxonomy files as one is skipped.
      if (category.get(id) === 'soft_skill') continue;
      const isLiteral = new RegExp(`(?<![\\p{L}\\p{N}])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text);
      gold.set(id, (gold.get(id) ?? false) || isLiteral);
      if (isLiteral) {
        literalLabels += 1;
        if (idByAlias.has(key)) mappedLiteralLabels += 1;
      }
    }
    for (const [id, isLiteral] of gold) {
      const hit = predicted.has(id);
      all[hit ? 'tp' : 'fn'] += 1;
      if (isLiteral) literal[hit ? 'tp' : 'fn'] += 1;
      if (isLiteral && !hit) tally(missed, id);
    }
    for (const id of predicted) {
      if (gold.has(id)) continue;
      all.fp += 1;
      literal.fp += 1;
      tally(wrong, id);
    }
  }
  return { literal: score(literal), all: score(all), literalLabels, mappedLiteralLabels, missed: top(missed, 15), wrong: top(wrong, 15) };
}

/** SkillSpan: a predicted mention is right when its text overlaps a gold span of the sentence. */
function skillspan() {
  const knowledge: Counts = { tp: 0, fp: 0, fn: 0 };
  const both: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const row of readJsonl(SKILLSPAN)) {
    const tokens = row.tokens as string[];
    const starts: number[] = [];
    let offset = 0;
    for (const token of tokens) {
      starts.push(offset);
      offset += token.length + 1;
    }
    const spans = (tags: string[]) => {
      const out: { start: number; end: number }[] = [];
      tags.forEach((tag, i) => {
        const end = (starts[i] as number) + (tokens[i] as string).length;
        if (tag.startsWith('B')) out.push({ start: starts[i] as number, end });
        else if (tag.startsWith('I') && out.length > 0) (out.at(-1) as { end: number }).end = end;
      });
      return out;
    };
    const knowledgeSpans = spans(row.tags_knowledge as string[]);
    const allSpans = [...knowledgeSpans, ...spans(row.tags_skill as string[])];
    const mentions = matcher.mentions({ sentence: tokens.join(' ') }).map((m) => ({ start: m.start, end: m.start + m.text.length }));
    for (const [gold, counts] of [[knowledgeSpans, knowledge], [allSpans, both]] as const) {
      const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
      counts.tp += mentions.filter((m) => gold.some((g) => overlaps(m, g))).length;
      counts.fp += mentions.filter((m) => !gold.some((g) => overlaps(m, g))).length;
      counts.fn += gold.filter((g) => !mentions.some((m) => overlaps(m, g))).length;
    }
  }
  return { knowledge: score(knowledge), knowledgeOrSkill: score(both) };
}

const gold = latam();
const span = skillspan();
console.log(`taxonomy ${taxonomy.version}: ${taxonomy.skills.length} skills`);
console.log(
  'LATAM (150 ads, hard skills; soft skills left out of both predictions and labels). "literal" scores the gold labels that appear word for word in ' +
    'description + requirements (accent/case-insensitive); a prediction matching a non-literal label counts neither way. "all labels" scores every label.',
);
console.log(`  literal labels: ${gold.literalLabels}, of which the taxonomy knows ${gold.mappedLiteralLabels}`);
console.log('SkillSpan dev: a mention is correct when it overlaps a gold span; gold = KNOWLEDGE spans, or KNOWLEDGE + SKILL spans.');
const rows = {
  'LATAM hard skills, literal labels': gold.literal,
  'LATAM hard skills, all labels': gold.all,
  'SkillSpan, KNOWLEDGE spans': span.knowledge,
  'SkillSpan, KNOWLEDGE + SKILL spans': span.knowledgeOrSkill,
};
console.table(rows);
console.log(`most missed literal LATAM labels: ${gold.missed.join(', ')}`);
console.log(`most frequent LATAM false positives: ${gold.wrong.join(', ')}`);
mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
const result = { date: new Date().toISOString(), taxonomy: { version: taxonomy.version, skills: taxonomy.skills.length }, ...rows, latamLiteralLabels: gold.literalLabels, latamLiteralLabelsInTaxonomy: gold.mappedLiteralLabels };
writeFileSync(join(PROJECT_ROOT, 'bench/results/skills-f1.json'), `${JSON.stringify(result, null, 2)}\n`);
