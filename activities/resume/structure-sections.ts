import { foldForMatching } from '../normalize/text-fold.js';
import type { SectionKind } from './draft.js';

export interface Section {
  kind: SectionKind;
  heading: string;
  /** Offsets into the résumé text: from the heading line's start to the next heading's start. */
  start: number;
  end: number;
  /** Where the section's content starts: after the heading, or after its colon when the content follows on the same line. */
  bodyStart: number;
}

// Folded headings (no accents, lower case) in Portuguese, Spanish and English. "other" headings matter
// too: they end the section before them, so a list of awards is not read as a job.
const HEADINGS: Record<SectionKind, string[]> = {
  // LinkedIn's "Save to PDF" puts these in its sidebar, apart from the name at the top of the page.
  contact: [
    'contact', 'contact information', 'contact info', 'contato', 'contatos', 'informacoes de contato', 'dados de contato',
    'contacto', 'contactar', 'datos de contacto', 'informacion de contacto', 'personal information', 'personal details', 'dados pessoais', 'datos personales',
  ],
  experience: [
    'experiencia profissional', 'experiencias profissionais', 'experiencia', 'experiencias', 'historico profissional',
    'experiencia laboral', 'experiencia profesional', 'trayectoria profesional', 'trayectoria laboral', 'historial laboral',
    'work experience', 'professional experience', 'experience', 'employment history', 'work history', 'employment', 'career history',
  ],
  education: [
    'formacao academica', 'formacao', 'educacao', 'escolaridade', 'formacion academica', 'formacion', 'educacion', 'estudios',
    'education', 'academic background', 'academic education',
  ],
  skills: [
    'skills', 'technical skills', 'hard skills', 'tech stack', 'competencias', 'competencias tecnicas', 'habilidades',
    'habilidades tecnicas', 'conhecimentos', 'conhecimentos tecnicos', 'conocimientos', 'conocimientos tecnicos', 'tecnologias',
    'ferramentas', 'herramientas', 'stack tecnologica', 'stack tecnologico', 'top skills', 'principais competencias',
    'aptitudes principales', 'aptitudes', 'competencias principales',
  ],
  languages: ['idiomas', 'languages', 'linguas', 'lenguas', 'idiomas e certificacoes'],
  summary: [
    'resumo', 'resumo profissional', 'sobre mim', 'perfil', 'perfil profissional', 'perfil profesional', 'summary',
    'professional summary', 'profile', 'about me', 'about', 'objetivo', 'objetivo profissional', 'objective', 'sobre mi',
    'resumen', 'resumen profesional', 'acerca de mi', 'extracto',
  ],
  projects: ['projetos', 'projetos pessoais', 'proyectos', 'proyectos personales', 'projects', 'personal projects', 'side projects'],
  certifications: [
    'certificacoes', 'certificados', 'certificaciones', 'certifications', 'licenses & certifications', 'licenses and certifications',
    'cursos', 'cursos e certificacoes', 'cursos y certificaciones', 'courses', 'courses and certifications',
  ],
  other: [
    'publicacoes', 'publicaciones', 'publications', 'premios', 'premios e reconhecimentos', 'awards', 'honors', 'voluntariado',
    'volunteering', 'volunteer experience', 'interesses', 'intereses', 'interests', 'referencias', 'references',
    'informacoes adicionais', 'informacion adicional', 'additional information', 'hobbies', 'atividades extracurriculares',
    'honors-awards', 'honors & awards', 'reconocimientos y premios', 'premios y reconocimientos',
  ],
};
const KIND_OF = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(HEADINGS) as [SectionKind, string[]][]) for (const name of names) KIND_OF.set(name, kind);

// Bullets, numbering and decoration around a heading ("## Skills", "— EXPERIÊNCIA —", "1. Education").
const EDGES = /^[\s#*•·\-–—=_|>\d.]*|[\s#*•·\-–—=_|<]*$/gu;

/** The kind of a heading line, and where its inline content begins ("Idiomas: inglês C1"), or null. */
export function headingKind(line: string): { kind: SectionKind; contentAt: number } | null {
  const folded = foldForMatching(line.normalize('NFC'));
  const colon = folded.indexOf(':');
  const label = (colon >= 0 ? folded.slice(0, colon) : folded).replace(EDGES, '').replace(/\s+/g, ' ');
  const kind = label.length <= 40 ? KIND_OF.get(label) : undefined;
  if (!kind) return null;
  // "Experiência: 5 anos em dados" is a sentence, not a heading, unless the section is a list that
  // commonly follows inline (skills, languages).
  const rest = colon >= 0 ? folded.slice(colon + 1).trim() : '';
  if (rest && !['skills', 'languages', 'certifications'].includes(kind)) return null;
  return { kind, contentAt: colon >= 0 ? colon + 1 : line.length };
}

/** The sections of a résumé in order, found from heading lines. */
export function findSections(text: string): Section[] {
  const sections: Section[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const found = headingKind(line);
    if (found) {
      const previous = sections[sections.length - 1];
      if (previous) previous.end = offset;
      sections.push({ kind: found.kind, heading: line.trim().replace(/:.*$/s, '').trim(), start: offset, end: text.length, bodyStart: offset + found.contentAt });
    }
    offset += line.length + 1;
  }
  return sections;
}
