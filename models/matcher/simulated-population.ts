// Test support: a seeded job board and a population of users with hidden preferences, to show that
// learning from their feedback ranks what they want higher than the prior does.
import { createHash } from 'node:crypto';
import { eligibleFrom } from '../../activities/normalize/remote-scope.js';
import type { ProfileInput } from '../../warehouse/app.js';
import type { MatchJob } from './features.js';
import { ndcgAt, type RankedItem } from './metrics.js';

/** Numerical Recipes' 32-bit LCG: the same sequence on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A number in [0, 1) fixed by the key: per-pair noise without keeping a table of it. */
const unit = (key: string) => Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 2 ** 32;

// What each kind of job asks for, written as ads write it (English names the normalizer knows).
const DOMAINS = [
  { title: 'Machine Learning Engineer', skills: ['Python', 'PyTorch', 'TensorFlow', 'scikit-learn', 'machine learning', 'deep learning', 'NumPy', 'pandas'] },
  { title: 'Data Engineer', skills: ['Python', 'SQL', 'Airflow', 'dbt', 'Kafka', 'Snowflake', 'BigQuery', 'Databricks'] },
  { title: 'Data Analyst', skills: ['SQL', 'Power BI', 'Tableau', 'Looker', 'pandas', 'A/B testing', 'statistics', 'Python'] },
  { title: 'MLOps Engineer', skills: ['Python', 'Docker', 'Kubernetes', 'MLflow', 'Terraform', 'AWS', 'GCP', 'FastAPI'] },
] as const;
// The taxonomy ids of the same skills, for profiles.
const DOMAIN_SKILL_IDS = [
  ['python', 'pytorch', 'tensorflow', 'scikit-learn', 'machine-learning', 'deep-learning', 'numpy', 'pandas'],
  ['python', 'sql', 'airflow', 'dbt', 'kafka', 'snowflake', 'bigquery', 'databricks'],
  ['sql', 'power-bi', 'tableau', 'looker', 'pandas', 'ab-testing', 'statistics', 'python'],
  ['python', 'docker', 'kubernetes', 'mlflow', 'terraform', 'aws', 'gcp', 'fastapi'],
];

const TEXT = {
  en: {
    seniority: { junior: 'Junior', mid: 'Mid-level', senior: 'Senior' },
    intro: (company: string) => `<p>${company} builds data products for customers across the Americas. Our team ships models and pipelines that people use every day, and we care about clear writing and careful reviews.</p>`,
    required: 'Requirements',
    nice: 'Nice to have',
    experience: (skill: string) => `Solid experience with ${skill}`,
  },
  pt: {
    seniority: { junior: 'Júnior', mid: 'Pleno', senior: 'Sênior' },
    intro: (company: string) => `<p>A ${company} desenvolve produtos de dados para clientes em toda a América Latina. Nosso time entrega modelos e pipelines que as pessoas usam todos os dias, e valorizamos uma escrita clara e revisões cuidadosas.</p>`,
    required: 'Requisitos',
    nice: 'Diferenciais',
    experience: (skill: string) => `Experiência sólida com ${skill}`,
  },
  es: {
    seniority: { junior: 'Junior', mid: 'Semi Senior', senior: 'Senior' },
    intro: (company: string) => `<p>${company} construye productos de datos para clientes en toda América Latina. Nuestro equipo entrega modelos y pipelines que las personas usan todos los días, y valoramos la escritura clara y las revisiones cuidadosas.</p>`,
    required: 'Requisitos',
    nice: 'Deseable',
    experience: (skill: string) => `Experiencia sólida con ${skill}`,
  },
} as const;

const LOCATIONS = ['Worldwide', 'LATAM', 'Brazil', 'USA Only', 'Americas'] as const;

/** A Remotive-style feed (the shape of its public API) of `count` seeded jobs, dated up to 80 days before `now`. */
export function simulatedFeed(seed: number, count: number, now: Date): { jobs: Record<string, unknown>[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const jobs = Array.from({ length: count }, (_, i) => {
    const domain = pick(DOMAINS);
    const language = pick(['en', 'pt', 'es'] as const);
    const text = TEXT[language];
    const level = pick(['junior', 'mid', 'senior'] as const);
    const shuffled = [...domain.skills].sort(() => random() - 0.5);
    const required = shuffled.slice(0, 3 + Math.floor(random() * 3));
    const nice = shuffled.slice(required.length, required.length + 2);
    const company = `Simulada ${String(i).padStart(3, '0')} Tecnologia`;
    const pay = 2500 + Math.floor(random() * 9) * 500;
    return {
      id: 9_000_000 + i,
      url: `https://boards.example/jobs/${9_000_000 + i}`,
      title: `${text.seniority[level]} ${domain.title}`,
      company_name: company,
      category: 'Data',
      tags: [],
      job_type: 'full_time',
      publication_date: new Date(now.getTime() - Math.floor(random() * 80) * 86_400_000).toISOString().slice(0, 19),
      candidate_required_location: pick(LOCATIONS),
      salary: random() < 0.7 ? `USD ${pay.toLocaleString('en-US')} - ${(pay + 1500).toLocaleString('en-US')} per month` : '',
      description:
        `${text.intro(company)}<p><strong>${text.required}</strong></p><ul>${required.map((s) => `<li>${text.experience(s)};</li>`).join('')}</ul>` +
        `<p><strong>${text.nice}</strong></p><ul>${nice.map((s) => `<li>${s}</li>`).join('')}</ul>`,
    };
  });
  return { jobs };
}

export interface SimulatedUser {
  profile: ProfileInput;
  /** The kind of job this user does; users of a group share a taste the features cannot see. */
  group: number;
}

/** `count` users spread over the four groups, each with their group's skills and a language or two. */
export function simulatedUsers(seed: number, count: number): SimulatedUser[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const group = i % DOMAIN_SKILL_IDS.length;
    const own = [...(DOMAIN_SKILL_IDS[group] ?? [])].sort(() => random() - 0.5).slice(0, 5 + Math.floor(random() * 3));
    const country = pick(['BR', 'AR', 'MX', 'CO'] as const);
    return {
      group,
      profile: {
        userId: `sim${String(i).padStart(3, '0')}`,
        displayName: `Simulated ${i}`,
        country,
        timezone: { BR: 'America/Sao_Paulo', AR: 'America/Argentina/Buenos_Aires', MX: 'America/Mexico_City', CO: 'America/Bogota' }[country],
        yearsExperience: 1 + Math.floor(random() * 10),
        seniority: pick(['junior', 'mid', 'senior'] as const),
        skills: own,
        salaryFloorUsdMonth: 2500 + Math.floor(random() * 5) * 500,
        remoteScopes: ['global', 'latam'],
        languages: country === 'BR' ? pick([['pt'], ['pt', 'en']]) : pick([['es'], ['es', 'en']]),
      },
    };
  });
}

/** A job as the warehouse normalized it, with the feed's id (which the hidden taste is keyed by). */
export type ObservedJob = MatchJob & { externalId: string };

/**
 * What users really want, hidden from every model: skills they have, a posting in a language they
 * speak, a job they may take from where they live, pay, freshness, and a taste their group shares
 * for some jobs over others (which only other users' feedback reveals).
 */
export function hiddenUtility(user: SimulatedUser, job: ObservedJob, now: Date): number {
  const p = user.profile;
  const overlap = job.skills.length ? job.skills.filter((s) => p.skills.includes(s)).length / job.skills.length : 0;
  const speaks = job.language !== null && p.languages.includes(job.language) ? 1 : 0;
  const eligible = p.country ? eligibleFrom({ scope: job.remoteScope, countries: job.remoteCountries, reasons: [] }, p.country) : null;
  const pay = job.salaryUsdMonthMax === null || !p.salaryFloorUsdMonth ? 0.5 : Math.min(1, job.salaryUsdMonthMax / p.salaryFloorUsdMonth);
  const fresh = job.postedAtMs === null ? 0.5 : 0.5 ** ((now.getTime() - job.postedAtMs) / 86_400_000 / 30);
  const taste = 2 * unit(`taste:${user.group}:${job.externalId}`) - 1;
  const noise = 0.3 * (unit(`noise:${p.userId}:${job.externalId}`) - 0.5);
  return 1.5 * overlap + 1.5 * speaks + (eligible === false ? -1 : 0) + 0.5 * pay + 1.0 * fresh + 1.5 * taste + noise;
}

/** Relevance grades of every job for one user: the top 5% grade 3, the next 10% 2, the next 15% 1, the rest 0. */
export function hiddenGrades(user: SimulatedUser, jobs: readonly ObservedJob[], now: Date): Map<string, number> {
  const ranked = jobs.map((job) => ({ id: job.clusterId, u: hiddenUtility(user, job, now) })).sort((a, b) => b.u - a.u);
  return new Map(ranked.map((r, i) => [r.id, i < ranked.length * 0.05 ? 3 : i < ranked.length * 0.15 ? 2 : i < ranked.length * 0.3 ? 1 : 0]));
}

/** Mean NDCG@10 of each user's ranking of every job (by a model's scores) against their hidden grades. */
export function hiddenNdcg(scores: ReadonlyMap<string, ReadonlyMap<string, number>>, grades: ReadonlyMap<string, ReadonlyMap<string, number>>): number {
  const values: number[] = [];
  for (const [userId, userGrades] of grades) {
    const userScores = scores.get(userId);
    if (!userScores) throw new Error(`no scores for ${userId}`);
    const items: RankedItem[] = [...userGrades].map(([id, grade]) => ({ id, grade, score: userScores.get(id) ?? 0 }));
    const ndcg = ndcgAt(items, 10);
    if (ndcg !== null) values.push(ndcg);
  }
  return values.reduce((a, b) => a + b, 0) / values.length;
}
