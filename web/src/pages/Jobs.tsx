import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type ApiInputs } from '../api.js';
import { buttonClass, Button } from '../components/Button.js';
import { FeedbackActions } from '../components/FeedbackActions.js';
import { SelectField, TextField } from '../components/Field.js';
import { JobCardView } from '../components/JobCard.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router.js';
import type { SessionUser } from '../session.js';
import { LANGUAGES, SCOPES, SENIORITIES } from '../options.js';

const PAGE_SIZE = 20;
type ListInput = ApiInputs['jobs']['list'];

/** Skill ids are lower-case with dashes ("machine-learning"); what the API would refuse is left out. */
function skillId(text: string): string | undefined {
  const id = text.trim().toLowerCase().replace(/\s+/g, '-');
  return /^[a-z0-9][a-z0-9+#.-]{0,79}$/.test(id) ? id : undefined;
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** The search lives in the address (?q=…&skill=…&page=2), so a search can be bookmarked and shared. */
function inputFrom(search: URLSearchParams): { input: ListInput; page: number } {
  const page = Math.max(1, Math.min(500, Number(search.get('page')) || 1));
  return {
    page,
    input: {
      q: search.get('q')?.trim().slice(0, 100) || undefined,
      skill: skillId(search.get('skill') ?? ''),
      scope: pick(search.get('scope'), SCOPES),
      seniority: pick(search.get('seniority'), SENIORITIES),
      language: pick(search.get('language'), LANGUAGES),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
  };
}

function hrefFor(params: Record<string, string>, page: number): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''));
  if (page > 1) query.set('page', String(page));
  return `/jobs${query.size ? `?${query.toString()}` : ''}`;
}

function SearchForm({ input }: { input: ListInput }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    q: input.q ?? '',
    skill: input.skill ?? '',
    scope: input.scope ?? '',
    seniority: input.seniority ?? '',
    language: input.language ?? '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefFor(form, 1));
  };
  return (
    <form role="search" onSubmit={submit} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
      <TextField label={t.jobs.q} type="search" maxLength={100} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
      <TextField label={t.jobs.skill} maxLength={80} value={form.skill} onChange={(e) => setForm({ ...form, skill: e.target.value })} />
      <SelectField
        label={t.dashboard.scope}
        value={form.scope}
        onChange={(e) => setForm({ ...form, scope: e.target.value })}
        options={[{ value: '', label: t.app.any }, ...SCOPES.map((s) => ({ value: s, label: t.scope[s] }))]}
      />
      <SelectField
        label={t.dashboard.seniority}
        value={form.seniority}
        onChange={(e) => setForm({ ...form, seniority: e.target.value })}
        options={[{ value: '', label: t.app.any }, ...SENIORITIES.map((s) => ({ value: s, label: t.seniority[s] }))]}
      />
      <SelectField
        label={t.jobs.language}
        value={form.language}
        onChange={(e) => setForm({ ...form, language: e.target.value })}
        options={[{ value: '', label: t.app.any }, ...LANGUAGES.map((l) => ({ value: l, label: t.language[l] }))]}
      />
      <div className="flex items-end">
        <Button type="submit" className="w-full">
          {t.jobs.search}
        </Button>
      </div>
    </form>
  );
}

export function JobsPage({ user }: { user: SessionUser | null }) {
  const { t } = useI18n();
  usePageTitle(t.jobs.title);
  const trpc = useTRPC();
  const { search } = useLocation();
  const { input, page } = inputFrom(search);
  const jobs = useQuery(trpc.jobs.list.queryOptions(input));
  const filters = Object.fromEntries([...search.entries()].filter(([k]) => k !== 'page'));
  const filtersKey = new URLSearchParams(filters).toString();

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">{t.jobs.title}</h1>
        <p className="text-slate-700">{t.jobs.intro}</p>
      </div>
      {!user && (
        <p className="rounded-md bg-emerald-50 p-3 text-emerald-900">
          {t.job.logInToMatch}{' '}
          <Link to="/signup" className="font-medium underline">
            {t.nav.signUp}
          </Link>
        </p>
      )}
      {/* Keyed by the search in the address: going back to an earlier search shows its own fields. */}
      <SearchForm key={filtersKey} input={input} />

      {jobs.isPending && <Loading />}
      {jobs.error && <ErrorMessage error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data?.length === 0 && <p className="py-6 text-center text-slate-700">{t.jobs.none}</p>}
      <ol className="space-y-4">
        {jobs.data?.map((job) => (
          <li key={job.clusterId}>
            <JobCardView job={job} actions={user && <FeedbackActions clusterId={job.clusterId} title={job.title} />} />
          </li>
        ))}
      </ol>
      {jobs.data && (page > 1 || jobs.data.length === PAGE_SIZE) && (
        <nav aria-label={t.jobs.pages} className="flex items-center justify-between gap-3">
          {page > 1 ? (
            <Link to={hrefFor(filters, page - 1)} className={buttonClass('secondary')}>
              ← {t.jobs.previous}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-700">{t.jobs.page(page)}</span>
          {jobs.data.length === PAGE_SIZE ? (
            <Link to={hrefFor(filters, page + 1)} className={buttonClass('secondary')}>
              {t.jobs.next} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
