import type { SourceInput } from '../warehouse/core.js';

/** An ATS job board: one company, named here because most of these APIs never name it in a job. */
interface AtsBoard {
  token: string;
  company: string;
}

/**
 * Companies known to hire remotely across Latin America (or from anywhere), on the ATSs with a
 * public, unauthenticated job-board API. Tokens are the ones in each board's public URL.
 */
export const ATS_BOARDS: Record<'greenhouse' | 'lever' | 'ashby' | 'workable', AtsBoard[]> = {
  greenhouse: [
    { token: 'quintoandar', company: 'QuintoAndar' },
    { token: 'wildlifestudios', company: 'Wildlife Studios' },
    { token: 'bitso', company: 'Bitso' },
    { token: 'gitlab', company: 'GitLab' },
    { token: 'canonical', company: 'Canonical' },
  ],
  lever: [
    { token: 'ciandt', company: 'CI&T' },
    { token: 'dlocal', company: 'dLocal' },
    { token: 'rappi', company: 'Rappi' },
    { token: 'kavak', company: 'Kavak' },
  ],
  ashby: [
    { token: 'nubank', company: 'Nubank' },
    { token: 'deel', company: 'Deel' },
    { token: 'belvo', company: 'Belvo' },
    { token: 'supabase', company: 'Supabase' },
  ],
  workable: [
    { token: 'huggingface', company: 'Hugging Face' },
    { token: 'doist', company: 'Doist' },
    { token: 'toggl', company: 'Toggl' },
  ],
};

/** Each ATS's public job-board endpoint (from its own API documentation) for a company token. */
const ATS_ENDPOINTS: Record<keyof typeof ATS_BOARDS, (token: string) => string> = {
  greenhouse: (token) => `https://boards-api.greenhouse.io/v1/boards/${token}/jobs?content=true`,
  lever: (token) => `https://api.lever.co/v0/postings/${token}?mode=json`,
  ashby: (token) => `https://api.ashbyhq.com/posting-api/job-board/${token}?includeCompensation=true`,
  workable: (token) => `https://apply.workable.com/api/v1/widget/accounts/${token}`,
};

const ATS_NAMES: Record<keyof typeof ATS_BOARDS, string> = { greenhouse: 'Greenhouse', lever: 'Lever', ashby: 'Ashby', workable: 'Workable' };

/**
 * The public job boards that matter for remote LATAM data jobs. Seeded at every start; enabled
 * only with LIVE_SOURCES=on, since a machine without internet (CI, this project's default) would
 * only record failures. Queries ask each board for its data / ML / AI listings.
 */
export function builtinSources(live: boolean): SourceInput[] {
  const base = { enabled: live, timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, pageDelayMs: 1_000 };
  return [
    { id: 'remotive', name: 'Remotive', kind: 'json_api', adapter: 'remotive', url: 'https://remotive.com/api/remote-jobs?category=data', maxPages: 1, ...base },
    { id: 'remoteok', name: 'RemoteOK', kind: 'json_api', adapter: 'remoteok', url: 'https://remoteok.com/api?tag=data', maxPages: 1, ...base },
    { id: 'himalayas', name: 'Himalayas', kind: 'json_api', adapter: 'himalayas', url: 'https://himalayas.app/jobs/api?limit=20&offset=0', maxPages: 10, ...base },
    { id: 'arbeitnow', name: 'Arbeitnow', kind: 'json_api', adapter: 'arbeitnow', url: 'https://www.arbeitnow.com/api/job-board-api', maxPages: 5, ...base },
    { id: 'jobicy', name: 'Jobicy', kind: 'json_api', adapter: 'jobicy', url: 'https://jobicy.com/api/v2/remote-jobs?count=50&tag=data', maxPages: 1, ...base },
    {
      id: 'getonboard-ml',
      name: 'Get on Board: machine learning and AI',
      kind: 'json_api',
      adapter: 'getonboard',
      url: 'https://www.getonbrd.com/api/v0/categories/machine-learning-ai/jobs?per_page=50&page=1&expand=["company"]',
      maxPages: 5,
      ...base,
    },
    {
      id: 'getonboard-data',
      name: 'Get on Board: data science and analytics',
      kind: 'json_api',
      adapter: 'getonboard',
      url: 'https://www.getonbrd.com/api/v0/categories/data-science-analytics/jobs?per_page=50&page=1&expand=["company"]',
      maxPages: 5,
      ...base,
    },
    { id: 'gupy-dados', name: 'Gupy: dados', kind: 'json_api', adapter: 'gupy', url: 'https://portal.api.gupy.io/api/v1/jobs?jobName=dados&limit=50&offset=0', maxPages: 10, ...base },
    {
      id: 'wwr-data',
      name: 'We Work Remotely: data',
      kind: 'rss',
      adapter: 'rss',
      url: 'https://weworkremotely.com/categories/remote-data-science-jobs.rss',
      maxPages: 1,
      ...base,
    },
    // Each board lists all of a company's jobs in one answer.
    ...(Object.keys(ATS_BOARDS) as (keyof typeof ATS_BOARDS)[]).flatMap((ats) =>
      ATS_BOARDS[ats].map(({ token, company }): SourceInput => ({
        id: `${ats}-${token}`,
        name: `${company} (${ATS_NAMES[ats]})`,
        kind: 'json_api',
        adapter: ats,
        url: ATS_ENDPOINTS[ats](token),
        company,
        maxPages: 1,
        ...base,
      })),
    ),
  ];
}
