import { JSONPath } from 'jsonpath-plus';
import { PermanentError } from '../../errors.js';
import { parseJson } from '../adapters/fields.js';
import { fetchText } from '../http-fetch.js';
import { ENV_REFERENCE, configMaxPages, type ApiAuth, type ApiConfig } from './config.js';
import { collectMapped, textOf, textsOf } from './posting.js';
import { PageCollector, type ReaderContext, type ReadResult } from './reader.js';
import { requestBudget } from './request-budget.js';

/** Every value at a path; script evaluation is off, whatever the path says. */
function matches(path: string, json: unknown): unknown[] {
  // jsonpath-plus answers undefined, not [], when the value searched is not an object (a job that is a bare number).
  return (JSONPath({ path, json: json as object, eval: false, wrap: true }) as unknown[] | undefined) ?? [];
}

const first = (path: string | undefined, json: unknown): unknown => (path === undefined ? undefined : matches(path, json)[0]);

/**
 * The secret a `${CUSTOM_SOURCE_…}` reference names, read when the request is made. Messages name
 * the variable, never its value.
 */
export function resolveSecret(reference: string, env: Record<string, string | undefined>): string {
  const name = ENV_REFERENCE.exec(reference)?.[1];
  if (!name) throw new PermanentError('a source secret must be a ${CUSTOM_SOURCE_…} reference');
  const value = env[name];
  if (!value) throw new PermanentError(`environment variable ${name} is not set on the fetch worker; this source's auth needs it`);
  if (!/^[\x20-\x7e]+$/.test(value)) throw new PermanentError(`environment variable ${name} holds characters an HTTP header cannot carry`);
  return value;
}

export function authHeaders(auth: ApiAuth, env: Record<string, string | undefined>): Record<string, string> {
  if (auth.type === 'api-key') return { [auth.header.toLowerCase()]: resolveSecret(auth.value, env) };
  if (auth.type === 'bearer') return { authorization: `Bearer ${resolveSecret(auth.value, env)}` };
  return {};
}

export interface PageRequest {
  url: string;
  /** POST only: the params, and the page's position when paging by number or offset, as JSON. */
  body?: string;
}

/** A page's request: GET puts the params and the page's position in the query string, POST in a JSON body. */
export function pageRequest(config: ApiConfig, position: number | null, url: string = config.endpoint): PageRequest {
  const p = config.pagination;
  const fields: Record<string, string | number | boolean> = { ...config.params };
  if (position !== null && (p.type === 'page' || p.type === 'offset')) fields[p.param] = position;
  if (config.method === 'POST') return { url, body: JSON.stringify(fields) };
  const withQuery = new URL(url);
  for (const [name, value] of Object.entries(fields)) withQuery.searchParams.set(name, String(value));
  return { url: withQuery.href };
}

/** The jobs in one response: a path to the array itself or to its elements both work. Null when the path is absent. */
function jobsIn(config: ApiConfig, json: unknown): unknown[] | null {
  const found = matches(config.mapping.jobs_path, json);
  if (found.length === 0) return null;
  if (found.length === 1 && Array.isArray(found[0])) return found[0] as unknown[];
  return found;
}

export interface ApiPage extends ReturnType<typeof collectMapped> {
  /** Jobs in the response before mapping and filters: an empty page ends paging. */
  jobs: number;
  json: unknown;
}

/** One response body, mapped and filtered. The first page must hold the jobs path: anything else is a mapping mistake worth saying. */
export function parseApiPage(config: ApiConfig, body: string, firstPage: boolean): ApiPage {
  const json = parseJson(body);
  if (json === null || typeof json !== 'object') throw new PermanentError('the response is not a JSON object or array');
  const jobs = jobsIn(config, json);
  if (jobs === null && firstPage) throw new PermanentError(`jobs_path ${config.mapping.jobs_path} matched nothing in the response`);
  const m = config.mapping;
  const mapped = collectMapped(
    (jobs ?? []).map((job) => ({
      id: first(m.id_path, job),
      title: first(m.title_path, job),
      company: first(m.company_path, job),
      location: first(m.location_path, job),
      salary: first(m.salary_path, job),
      description: first(m.description_path, job),
      url: first(m.url_path, job),
      date: first(m.date_path, job),
      tags: m.tags_path ? textsOf(matches(m.tags_path, job)) : [],
    })),
    config.filters,
  );
  return { ...mapped, jobs: jobs?.length ?? 0, json };
}

/** Where the page after this one is, or null when this was the last. */
function nextPage(config: ApiConfig, at: { url: string; page: ApiPage; pagesRead: number; jobsRead: number }): PageRequest | null {
  const p = config.pagination;
  if (p.type === 'none' || at.page.jobs === 0) return null;
  if (p.type === 'page') return pageRequest(config, p.start + at.pagesRead);
  if (p.type === 'offset') return pageRequest(config, at.jobsRead);
  const link = textOf(first(p.next_path, at.page.json));
  if (!link) return null;
  let next: URL;
  try {
    next = new URL(link, at.url);
  } catch {
    throw new PermanentError(`the next-page link "${link}" is not a URL`);
  }
  // The source's credentials go to its own endpoint's origin only.
  if (next.origin !== new URL(config.endpoint).origin) throw new PermanentError(`the next-page link ${next.href} leaves ${new URL(config.endpoint).origin}`);
  return next.href === at.url ? null : config.method === 'POST' ? pageRequest(config, null, next.href) : { url: next.href };
}

/** Pages through a JSON API within its page limit, its rate limits and the fetch deadline. */
export async function readApi(config: ApiConfig, ctx: ReaderContext): Promise<ReadResult> {
  const headers = { accept: 'application/json', ...authHeaders(config.auth, ctx.env) };
  const origin = new URL(config.endpoint).origin;
  const maxPages = Math.min(ctx.maxPages, configMaxPages(config));
  const collector = new PageCollector();
  const json: Record<string, string> = config.method === 'POST' ? { 'content-type': 'application/json' } : {};
  let request: PageRequest | null = pageRequest(config, config.pagination.type === 'page' ? config.pagination.start : 0);
  let jobsRead = 0;
  while (request && collector.pages < maxPages) {
    const grant = await requestBudget.take(origin, config.rate_limit, { deadline: ctx.deadline });
    if (grant !== 'granted') {
      if (collector.pages > 0) return collector.result(false);
      throw new PermanentError(
        grant === 'spent'
          ? `the source's limit of ${config.rate_limit.per_day} requests a day to ${origin} is spent`
          : `the source's limit of ${config.rate_limit.per_minute} requests a minute to ${origin} leaves no room for a request now`,
      );
    }
    const { url, body } = request;
    const answer = await fetchText(url, { ...ctx.limits, policy: ctx.policy, method: config.method, body }, { ...headers, ...json });
    const page = parseApiPage(config, answer, collector.pages === 0);
    collector.add(page);
    ctx.onPage(collector.pages);
    jobsRead += page.jobs;
    request = nextPage(config, { url, page, pagesRead: collector.pages, jobsRead });
  }
  return collector.result(request === null);
}
