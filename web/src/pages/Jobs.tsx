import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type ApiInputs } from '../api.js';
import { Button } from '../components/Button.js';
import { FeedbackActions } from '../components/FeedbackActions.js';
import { SelectField, TextField } from '../components/Field.js';
import { JobCardView } from '../components/JobCard.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { CONTRACTS, LANGUAGES, SCOPES, SENIORITIES } from '../options.js';
import { Link, navigate, useLocation } from '../router.js';
import type { SessionUser } from '../session.js';

const PAGE_SIZE = 20;
const DAYS = [7, 30, 90];
type SearchInput = Omit<ApiInputs['jobs']['search'], 'cursor'>;

/** Skill ids are lower case with dashes ("machine-learning"); what the API would refuse is left out. */
function skillIds(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((id) => /^[a-z0-9][a-z0-9+#.-]{0,79}$/.test(id))
    .slice(0, 10);
}

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/** The search lives in the address (?q=…&skills=…), so it can be bookmarked, shared and gone back to. */
function searchFrom(params: URLSearchParams, signedIn: boolean, currency: 'BRL' | 'USD'): SearchInput {
  const one = <T extends string>(name: string, allowed: readonly T[]) => {
    const value = pick(params.get(name), allowed);
    return value ? [value] : undefined;
  };
  const salary = Number(params.get('salary'));
  const days = Number(params.get('days'));
  const skills = skillIds(params.get('skills') ?? '');
  return {
    q: params.get('q')?.trim().slice(0, 200) || undefined,
    skills: skills.length ? skills : undefined,
    remote: params.get('remote') === 'any' ? 'any' : 'latam',
    scopes: one('scope', SCOPES),
    seniority: one('seniority', SENIORITIES),
    contractTypes: one('contract', CONTRACTS),
    languages: one('language', LANGUAGES),
    salaryFloor: salary > 0 ? { amount: Math.min(salary, 100_000_000), currency } : undefined,
    postedWithinDays: DAYS.includes(days) ? days : undefined,
    sort: signedIn && params.get('sort') === 'match' ? 'match' : 'date',
    limit: PAGE_SIZE,
  };
}

function SearchForm({ params, signedIn }: { params: URLSearchParams; signedIn: boolean }) {
  const { t, currency } = useI18n();
  const [form, setForm] = useState(() => Object.fromEntries(['q', 'skills', 'remote', 'scope', 'seniority', 'contract', 'language', 'salary', 'days', 'sort'].map((k) => [k, params.get(k) ?? ''])));
  const field = (name: string) => ({ value: form[name] ?? '', onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''));
    navigate(`/jobs${query.size ? `?${query.toString()}` : ''}`);
  };
  const any = { value: '', label: t.app.any };
  return (
    <form role="search" onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField label={t.jobs.q} type="search" maxLength={200} {...field('q')} />
        <TextField label={t.jobs.skills} hint={t.jobs.skillsHint} maxLength={400} {...field('skills')} />
        <SelectField label={t.dashboard.scope} {...field('scope')} options={[any, ...SCOPES.map((s) => ({ value: s, label: t.scope[s] }))]} />
        <SelectField label={t.dashboard.seniority} {...field('seniority')} options={[any, ...SENIORITIES.map((s) => ({ value: s, label: t.seniority[s] }))]} />
        <SelectField label={t.job.contract} {...field('contract')} options={[any, ...CONTRACTS.map((c) => ({ value: c, label: t.contract[c] }))]} />
        <SelectField label={t.jobs.language} {...field('language')} options={[any, ...LANGUAGES.map((l) => ({ value: l, label: t.language[l] }))]} />
        <TextField label={t.jobs.salaryFloor(currency)} type="number" inputMode="numeric" min={0} step={100} {...field('salary')} />
        <SelectField label={t.jobs.posted} {...field('days')} options={[any, ...DAYS.map((d) => ({ value: String(d), label: t.jobs.withinDays(d) }))]} />
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            className="size-4 accent-emerald-700"
            checked={form.remote !== 'any'}
            onChange={(e) => setForm({ ...form, remote: e.target.checked ? '' : 'any' })}
          />
          {t.jobs.latamOnly}
        </label>
        {signedIn && (
          <div className="w-56">
            <SelectField
              label={t.jobs.sort}
              {...field('sort')}
              options={[
                { value: '', label: t.jobs.sortDate },
                { value: 'match', label: t.jobs.sortMatch },
              ]}
            />
          </div>
        )}
        <Button type="submit" className="ml-auto">
          {t.jobs.search}
        </Button>
      </div>
    </form>
  );
}

/** The roles the profile says the person is after, each a search for its words. */
function TargetRoles() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const roles = useQuery(trpc.profile.get.queryOptions()).data?.targetRoles ?? [];
  if (roles.length === 0) return null;
  return (
    <nav aria-label={t.jobs.yourRoles} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-800">{t.jobs.yourRoles}</span>
      {roles.map((role) => (
        <Link key={role} to={`/jobs?q=${encodeURIComponent(role)}`} className="inline-flex min-h-11 items-center rounded-full bg-emerald-100 px-3 text-emerald-900 hover:bg-emerald-200">
          {role}
        </Link>
      ))}
    </nav>
  );
}

export function JobsPage({ user }: { user: SessionUser | null }) {
  const { t, currency } = useI18n();
  usePageTitle(t.jobs.title);
  const trpc = useTRPC();
  const { search } = useLocation();
  const input = searchFrom(search, user !== null, currency);
  const jobs = useInfiniteQuery(trpc.jobs.search.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

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
      {user && <TargetRoles />}
      {/* Keyed by the address: going back to an earlier search shows its own fields. */}
      <SearchForm key={search.toString()} params={search} signedIn={user !== null} />

      {jobs.isPending && <Loading />}
      {jobs.error && <ErrorMessage error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && items.length === 0 && <p className="py-6 text-center text-slate-700">{t.jobs.none}</p>}
      <ol className="space-y-4" aria-live="polite">
        {items.map((job) => (
          <li key={job.clusterId}>
            <JobCardView job={job} actions={user && <FeedbackActions clusterId={job.clusterId} title={job.title} />} />
          </li>
        ))}
      </ol>
      {jobs.hasNextPage && (
        <div className="text-center">
          <Button variant="secondary" busy={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>
            {t.jobs.more}
          </Button>
        </div>
      )}
    </div>
  );
}
