// Deterministic synthetic postings for benchmarks: variations of the authored demo fixtures
// (three languages), so every run with the same seed and size sees exactly the same corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { remotiveAdapter } from '../activities/ingest/adapters/remotive.js';
import { rssAdapter } from '../activities/ingest/adapters/rss.js';
import type { ExtractedPosting } from '../activities/ingest/adapters/index.js';
import { PROJECT_ROOT } from '../cli/config.js';

/** A small, fast, seedable generator (LCG): benchmarks need repeatability, not cryptographic randomness. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LOCATIONS = ['Worldwide', 'LATAM', 'Brasil', 'Remote (US only)', 'Americas', 'México', 'Remoto - Colombia', null, 'Híbrido em São Paulo', 'Anywhere (UTC-3 to UTC+1)'];
const SALARIES = ['$60k - $80k', 'R$ 12.000 - R$ 15.000/mês (CLT)', 'USD 4,000 - 6,000 / month', 'a combinar', '', 'MXN 55,000 - 70,000 mensuales', '€50k–€65k', 'R$ 18 mil PJ'];
const PREFIXES = ['', 'Senior ', 'Sr. ', 'Júnior ', 'Pleno ', 'Staff ', 'Semi Senior ', 'Lead '];

export async function baseItems(): Promise<ExtractedPosting[]> {
  const dir = join(PROJECT_ROOT, 'fixtures/demo-sources');
  const remotive = await remotiveAdapter.parse(readFileSync(join(dir, 'remotive.json'), 'utf8'));
  const rss = await rssAdapter.parse(readFileSync(join(dir, 'weworkremotely.rss'), 'utf8'));
  return [...remotive.items.map((i) => remotiveAdapter.extract(i.payload)), ...rss.items.map((i) => rssAdapter.extract(i.payload))];
}

export function* syntheticPostings(base: ExtractedPosting[], count: number, seed = 42): Generator<ExtractedPosting> {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  for (let i = 0; i < count; i++) {
    const item = pick(base);
    yield {
      ...item,
      title: `${pick(PREFIXES)}${item.title}`,
      company: `${item.company ?? 'Company'} ${i % 5000}`,
      location: pick(LOCATIONS),
      salaryText: pick(SALARIES) || item.salaryText,
      applyUrl: item.applyUrl ? `${item.applyUrl}?v=${i}` : null,
    };
  }
}
