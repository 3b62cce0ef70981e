import type { SourceInput } from '../warehouse/core.js';

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
  ];
}
