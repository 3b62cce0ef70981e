import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { Badge, Card } from '../components/Card.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState, ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';

const FunnelChart = lazy(() => import('./FunnelChart.js'));

type Application = ApiOutputs['applications']['list'][number];
type Status = Application['status'];
type FollowUp = ApiOutputs['applications']['followUps'][number];

/** The hiring stages as columns; the statuses that end an application share the last one. */
const COLUMNS: { key: string; statuses: Status[] }[] = [
  { key: 'saved', statuses: ['saved'] },
  { key: 'applied', statuses: ['applied'] },
  { key: 'screening', statuses: ['screening'] },
  { key: 'interview', statuses: ['interview'] },
  { key: 'offer', statuses: ['offer'] },
  { key: 'closed', statuses: ['rejected', 'withdrawn', 'ghosted'] },
];

/** What the follow-up suggestion asks of the user, in words; null when nothing. */
export function useFollowUpText() {
  const { t, fmt } = useI18n();
  return (f: FollowUp | undefined): { text: string; urgent: boolean } | null => {
    if (!f || f.action === 'none') return null;
    if (f.action === 'follow_up') return { text: t.applications.followUpNow, urgent: true };
    if (f.action === 'mark_ghosted') return { text: t.applications.markGhosted, urgent: true };
    return f.followUpOn ? { text: t.applications.followUpOn(fmt.date(f.followUpOn)), urgent: false } : null;
  };
}

function ApplicationCard({ application, followUp }: { application: Application; followUp: FollowUp | undefined }) {
  const { t, fmt } = useI18n();
  const followUpText = useFollowUpText()(followUp);
  return (
    <article className="space-y-1.5 rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <h3 className="font-semibold leading-snug">
        <Link to={`/applications/${application.id}`} className="hover:underline focus-visible:underline">
          {application.title}
        </Link>
      </h3>
      {application.company && <p className="text-sm text-slate-700">{application.company}</p>}
      <div className="flex flex-wrap gap-1.5">
        {!['saved', 'applied', 'screening', 'interview', 'offer'].includes(application.status) && <Badge tone="red">{t.applications.status[application.status]}</Badge>}
        {application.matchScore !== null && <Badge tone="green">{t.match.scoreOf(fmt.percent(application.matchScore))}</Badge>}
        {followUpText && <Badge tone={followUpText.urgent ? 'amber' : 'neutral'}>{followUpText.text}</Badge>}
      </div>
      {application.nextAction && (
        <p className="text-sm text-slate-800">
          <span className="font-medium">{t.applications.nextAction}:</span> {application.nextAction}
          {application.nextActionDue && ` (${t.applications.dueOn(fmt.date(application.nextActionDue))})`}
        </p>
      )}
      <p className="text-xs text-slate-600">{t.applications.inStatusSince(fmt.date(application.statusChangedAt))}</p>
    </article>
  );
}

function Funnel() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const funnel = useQuery(trpc.applications.funnel.queryOptions());
  if (funnel.isPending) return <Loading />;
  if (funnel.error) return <ErrorMessage error={funnel.error} onRetry={() => void funnel.refetch()} />;
  const f = funnel.data;
  const pct = (rate: number | null) => (rate === null ? t.applications.noData : fmt.percent(rate));
  const days = (value: number | null) => (value === null ? t.applications.noData : fmt.number(value, 1));
  const rates = (title: string, rows: typeof f.responseRate.bySource) =>
    rows.length > 0 && (
      <div>
        <h4 className="text-sm font-semibold text-slate-700">{title}</h4>
        <ul className="text-sm">
          {rows.map((r) => (
            <li key={r.key}>
              {r.key}: {r.rate === null ? t.applications.noData : t.applications.rateOf(fmt.percent(r.rate), r.responded, r.applied)}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Suspense fallback={<Loading />}>
        <FunnelChart reached={f.reached} />
      </Suspense>
      <div className="space-y-4 text-slate-800">
        <div>
          <h4 className="text-sm font-semibold text-slate-700">{t.applications.conversions}</h4>
          <ul className="text-sm">
            {f.conversions.map((c) => (
              <li key={c.from}>
                {t.applications.eventStatus(t.applications.status[c.from], t.applications.status[c.to])}: {pct(c.rate)}
              </li>
            ))}
          </ul>
        </div>
        <p className="text-sm">
          <span className="font-semibold text-slate-700">{t.applications.responseRate}:</span>{' '}
          {f.responseRate.overall.rate === null
            ? t.applications.noData
            : t.applications.rateOf(fmt.percent(f.responseRate.overall.rate), f.responseRate.overall.responded, f.responseRate.overall.applied)}
        </p>
        {rates(t.applications.bySource, f.responseRate.bySource)}
        {rates(t.applications.byMatchBand, f.responseRate.byMatchBand)}
        <p className="text-sm">
          <span className="font-semibold text-slate-700">{t.applications.daysToFirstResponse}:</span> {days(f.daysToFirstResponse.medianDays)}
        </p>
        <div>
          <h4 className="text-sm font-semibold text-slate-700">{t.applications.timeInStage}</h4>
          <ul className="text-sm">
            {f.timeInStage
              .filter((s) => s.stays > 0 || s.open > 0)
              .map((s) => (
                <li key={s.status}>
                  {t.applications.status[s.status]}: {days(s.medianDays)}
                </li>
              ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ApplicationsPage() {
  const { t } = useI18n();
  usePageTitle(t.applications.title);
  const trpc = useTRPC();
  const list = useQuery(trpc.applications.list.queryOptions({ limit: 200 }));
  const followUps = useQuery(trpc.applications.followUps.queryOptions());
  const followUpOf = new Map((followUps.data ?? []).map((f) => [f.applicationId, f]));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">{t.applications.title}</h1>
        <p className="text-slate-700">{t.applications.intro}</p>
      </div>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <EmptyState title={t.applications.title}>
          <p>{t.applications.empty}</p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <>
          <section aria-labelledby="board-heading">
            <h2 id="board-heading" className="sr-only">
              {t.applications.board}
            </h2>
            <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-6">
              {COLUMNS.map((column) => {
                const items = list.data.filter((a) => column.statuses.includes(a.status));
                const label = column.key === 'closed' ? t.applications.closed : t.applications.status[column.key as Status];
                return (
                  <section key={column.key} aria-label={`${label} (${items.length})`} className="space-y-2 rounded-lg bg-slate-100 p-3">
                    <h3 className="flex items-center justify-between text-sm font-semibold text-slate-800">
                      {label} <span className="tabular-nums text-slate-600">{items.length}</span>
                    </h3>
                    <ul className="space-y-2">
                      {items.map((a) => (
                        <li key={a.id}>
                          <ApplicationCard application={a} followUp={followUpOf.get(a.id)} />
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          </section>
          <Card aria-labelledby="funnel-heading">
            <h2 id="funnel-heading" className="mb-3 text-lg font-semibold">
              {t.applications.funnel}
            </h2>
            <Funnel />
          </Card>
        </>
      )}
    </div>
  );
}
