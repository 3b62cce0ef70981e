// `npx tsx models/skills/build-taxonomy.ts`: writes models/skills/taxonomy.json from curated.json, the
// ESCO digital skills collection (English + Spanish) and the O*NET technology skills in ../shared/data.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { aliasKey, SKILL_CATEGORIES, taxonomySchema, type Skill, type Taxonomy } from '../../activities/normalize/skill-taxonomy.js';
import { assemble, type CuratedSkill } from './build/assemble.js';
import { readEsco } from './build/esco.js';
import { ordinaryWords } from './build/labels.js';
import { readOnet } from './build/onet.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const DATA_DIR = process.env.SKILLS_DATA_DIR ?? here('../../../shared/data/taxonomy/');
const CURATED = here('./curated.json');
const OUTPUT = here('./taxonomy.json');

const VERSION = '1.0.0';
const ATTRIBUTION =
  'This service uses the ESCO classification of the European Commission (ESCO digital skills collection, English and Spanish). ' +
  'Contains information from O*NET 29.2 Database Technology Skills by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), ' +
  'used under the CC BY 4.0 license; O*NET® is a trademark of USDOL/ETA. See models/skills/ATTRIBUTION.md.';

const lang = z.array(z.string()).optional();
const curatedSchema = z.object({
  description: z.string(),
  commonWords: z.array(z.string()),
  vendors: z.array(z.string()),
  excludeImported: z.array(z.string()),
  skills: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.enum(SKILL_CATEGORIES),
      aliases: z.object({ en: lang, pt: lang, es: lang }),
      ambiguous: z.array(z.string()).optional(),
      parents: z.array(z.string()).optional(),
      related: z.array(z.string()).optional(),
      prerequisites: z.array(z.string()).optional(),
    }),
  ),
});

/** Curated mistakes fail the build instead of being silently repaired by the merge. */
function checkCurated(skills: CuratedSkill[]) {
  const ids = new Set(skills.map((s) => s.id));
  const owner = new Map<string, string>();
  for (const skill of skills) {
    for (const relation of ['parents', 'related', 'prerequisites'] as const) {
      for (const ref of skill[relation] ?? []) if (!ids.has(ref)) throw new Error(`curated ${skill.id}: ${relation} "${ref}" is no skill`);
    }
    const aliases = Object.values(skill.aliases).flat();
    for (const alias of aliases) {
      if (alias !== alias.toLowerCase().trim()) throw new Error(`curated ${skill.id}: alias "${alias}" is not lower case`);
      const other = owner.get(aliasKey(alias));
      if (other && other !== skill.id) throw new Error(`curated alias "${alias}" is claimed by ${other} and ${skill.id}`);
      owner.set(aliasKey(alias), skill.id);
    }
    for (const alias of skill.ambiguous ?? []) if (!aliases.includes(alias)) throw new Error(`curated ${skill.id}: ambiguous "${alias}" is no alias`);
  }
}

/** Every reference resolves and parents form no cycle: the guarantees the taxonomy test checks again. */
function checkTaxonomy(skills: Skill[]) {
  const byId = new Map(skills.map((s) => [s.id, s]));
  for (const skill of skills) {
    for (const ref of [...skill.parents, ...skill.related, ...skill.prerequisites]) if (!byId.has(ref)) throw new Error(`${skill.id} refers to unknown ${ref}`);
  }
  const done = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (path.includes(id)) throw new Error(`parent cycle: ${[...path, id].join(' → ')}`);
    if (done.has(id)) return;
    for (const parent of byId.get(id)?.parents ?? []) visit(parent, [...path, id]);
    done.add(id);
  };
  for (const skill of skills) visit(skill.id, []);
}

/** One skill per line: the file stays readable and a change to one skill is a one-line diff. */
function format(taxonomy: Taxonomy): string {
  const { skills, ...header } = taxonomy;
  const head = Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return `{\n${head.join('\n')}\n  "skills": [\n${skills.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]\n}\n`;
}

function main() {
  const files = {
    escoEn: `${DATA_DIR}/esco_digitalSkillsCollection_en.csv`,
    escoEs: `${DATA_DIR}/esco_digitalSkillsCollection_es.csv`,
    onet: `${DATA_DIR}/onet_29.2_technology_skills.txt`,
  };
  const missing = Object.values(files).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`Source data not found (set SKILLS_DATA_DIR to the folder holding them):\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  const curated = curatedSchema.parse(JSON.parse(readFileSync(CURATED, 'utf8')));
  checkCurated(curated.skills);
  const excluded = new Set(curated.excludeImported);
  const esco = readEsco(readFileSync(files.escoEn, 'utf8'), readFileSync(files.escoEs, 'utf8'), excluded);
  const commonWords = new Set(curated.commonWords.map(aliasKey));
  const ordinary = ordinaryWords(esco.descriptions);
  const onet = readOnet(readFileSync(files.onet, 'utf8'), curated.vendors, excluded, (word) => ordinary.has(word) || commonWords.has(word));
  const skills = assemble(curated.skills, [esco.concepts, onet], { commonWords, ordinaryWords: ordinary });
  checkTaxonomy(skills);
  const taxonomy = taxonomySchema.parse({
    version: VERSION,
    description:
      'Skills for remote AI, ML, data and software jobs open to Brazil and Latin America: a curated core (models/skills/curated.json) ' +
      'extended with ESCO digital skills and O*NET technology skills by models/skills/build-taxonomy.ts. Aliases are lowercase surface ' +
      'forms per language (en, pt, es; product names under en); the matcher reads all of them for every posting. Aliases listed under ' +
      "'ambiguous' are also ordinary words or letters ('go', 'r', 'spark') and count only in a technical context. 'sources' are ESCO concept URIs or 'onet'.",
    attribution: ATTRIBUTION,
    skills,
  });
  writeFileSync(OUTPUT, format(taxonomy));
  const byCategory = Object.fromEntries(SKILL_CATEGORIES.map((c) => [c, skills.filter((s) => s.category === c).length]));
  const fromSource = (test: (s: string) => boolean) => skills.filter((s) => s.sources?.some(test)).length;
  console.log(`wrote ${OUTPUT}: ${skills.length} skills`, byCategory);
  console.log(`  with an ESCO source: ${fromSource((s) => s.startsWith('http'))}, with O*NET: ${fromSource((s) => s === 'onet')}, curated: ${curated.skills.length}`);
}

main();
