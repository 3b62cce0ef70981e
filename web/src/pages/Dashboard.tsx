import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC, type MatchCard } from '../api.js';
import { buttonClass } from '../components/Button.js';
import { FeedbackActions } from '../components/FeedbackActions.js';
import { SelectField, TextField } from '../components/Field.js';
import { JobCardView } from '../components/JobCard.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState, ErrorMessage, Loading } from '../components/Status.js';
import { parseTimestamp } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { useLiveUpdates } from '../live.js';
import { Link } from '../router.js';
import type { SessionUser } from '../session.js';
import { SCOPES, SENIORITIES } from '../options.js';

/**
 * When the user was last here before this visit (null on the first): jobs first seen after it are
 * new to them. Kept per user in this browser.
 */
function usePreviousVisit(userId: string): number | null {
  const key = `vagas.lastVisit.${userId}`;
  const [previous] = useState(() => {
    const stored = Number(localStorage.getItem(key));
    return Number.isFinite(stored) && stored > 0 ? stored : null;
  });
  useEffect(() => localStorage.setItem(key, String(Date.now())), [key]);
  return previous;
}

interface Filters {
  q: string;
  scope: string;
  seniority: string;
  onlyNew: boolean;
}
const NO_FILTERS: Filters = { q: '', scope: '', seniority: '', onlyNew: false };
const MIN_SCORES = [0, 0.5, 0.6, 0.7, 0.8];

function applyFilters(matches: MatchCard[], f: Filters, isNew: (m: MatchCard) => boolean): MatchCard[] {
  const q = f.q.trim().toLocaleLowerCase();
  return matches.filter(
    (m) =>
      (!q || m.title.toLocaleLowerCase().includes(q) || (m.company ?? '').toLocaleLowerCase().includes(q)) &&
      (!f.scope || m.remoteScope === f.scope) &&
      (!f.seniority || m.seniority === f.seniority) &&
      (!f.onlyNew || isNew(m)),
  );
}

export function DashboardPage({ user }: { user: SessionUser }) {
  const { t, fmt } = useI18n();
  usePageTitle(t.dashboard.title);
  const trpc = useTRPC();
  const [minScore, setMinScore] = useState(0);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const previousVisit = usePreviousVisit(user.id);
  const profile = useQuery(trpc.profile.get.queryOptions());
  const live = useLiveUpdates(true);
  // New scores arrive through the live updates; the slow polling covers a stream that could not connect.
  const matches = useQuery({ ...trpc.matches.list.queryOptions({ limit: 100, minScore }), refetchInterval: 5 * 60_000, enabled: !!profile.data });

  if (profile.isPending) return <Loading />;
  if (profile.error) return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  if (!profile.data) {
    return (
      <EmptyState title={t.dashboard.noProfileTitle}>
        <p>{t.dashboard.noProfileText}</p>
        <Link to="/profile?welcome=1" className={buttonClass()}>
          {t.dashboard.goToProfile}
        </Link>
      </EmptyState>
    );
  }

  const isNew = (m: MatchCard) => previousVisit !== null && parseTimestamp(m.firstSeenAt).getTime() > previousVisit;
  const all = matches.data ?? [];
  const shown = applyFilters(all, filters, isNew);
  const newCount = all.filter(isNew).length;
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const filtering = minScore > 0 || JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-slate-700">{t.dashboard.greeting(user.displayName)}</p>
        <h1 className="text-2xl font-bold sm:text-3xl">{t.dashboard.title}</h1>
        {matches.data && (
          <p className="text-sm text-slate-600" aria-live="polite">
            {t.dashboard.showing(shown.length, all.length)}
            {newCount > 0 && ` · ${t.dashboard.newSince(newCount)}`} · {t.dashboard.live}
          </p>
        )}
      </div>

      <div aria-live="polite" className="space-y-2">
        {live.running && <p className="rounded-md bg-sky-50 p-3 text-sky-900">{t.dashboard.running(t.operator.stage[live.running])}</p>}
        {live.fresh.length > 0 && (
          <p className="rounded-md bg-emerald-50 p-3 text-emerald-900">
            {t.dashboard.fresh(live.fresh.length)}{' '}
            {live.fresh.slice(0, 3).map((m, i) => (
              <span key={m.clusterId}>
                {i > 0 && ', '}
                <Link to={`/jobs/${m.clusterId}`} className="font-medium underline">
                  {m.title}
                </Link>
              </span>
            ))}
          </p>
        )}
      </div>

      <form role="search" aria-label={t.dashboard.filters} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t.dashboard.search} type="search" value={filters.q} onChange={(e) => set({ q: e.target.value })} />
        <SelectField
          label={t.dashboard.minScore}
          value={String(minScore)}
          onChange={(e) => setMinScore(Number(e.target.value))}
          options={MIN_SCORES.map((s) => ({ value: String(s), label: s === 0 ? t.app.any : `≥ ${fmt.percent(s)}` }))}
        />
        <SelectField
          label={t.dashboard.scope}
          value={filters.scope}
          onChange={(e) => set({ scope: e.target.value })}
          options={[{ value: '', label: t.app.any }, ...SCOPES.map((s) => ({ value: s, label: t.scope[s] }))]}
        />
        <SelectField
          label={t.dashboard.seniority}
          value={filters.seniority}
          onChange={(e) => set({ seniority: e.target.value })}
          options={[{ value: '', label: t.app.any }, ...SENIORITIES.map((s) => ({ value: s, label: t.seniority[s] }))]}
        />
        <div className="flex flex-wrap items-end gap-3">
          <label className="inline-flex min-h-11 items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" className="size-4 accent-emerald-700" checked={filters.onlyNew} onChange={(e) => set({ onlyNew: e.target.checked })} />
            {t.dashboard.onlyNew}
          </label>
          {filtering && (
            <button
              type="button"
              className="min-h-11 text-sm font-medium text-emerald-800 underline"
              onClick={() => {
                setFilters(NO_FILTERS);
                setMinScore(0);
              }}
            >
              {t.dashboard.clearFilters}
            </button>
          )}
        </div>
      </form>

      {matches.isPending && <Loading />}
      {matches.error && <ErrorMessage error={matches.error} onRetry={() => void matches.refetch()} />}
      {matches.data && all.length === 0 && !filtering && (
        <EmptyState title={t.dashboard.pendingTitle}>
          <p>{t.dashboard.pendingText}</p>
          <Link to="/jobs" className={buttonClass('secondary')}>
            {t.dashboard.browseJobs}
          </Link>
        </EmptyState>
      )}
      {matches.data && shown.length === 0 && (all.length > 0 || filtering) && <p className="py-6 text-center text-slate-700">{t.dashboard.noResults}</p>}
      <ol className="space-y-4">
        {shown.map((m) => (
          <li key={m.clusterId}>
            <JobCardView job={m} profileSkills={profile.data?.skills} isNew={isNew(m)} actions={<FeedbackActions clusterId={m.clusterId} title={m.title} />} />
          </li>
        ))}
      </ol>
    </div>
  );
}
