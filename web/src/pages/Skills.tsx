import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { Button } from '../components/Button.js';
import { Badge, Card } from '../components/Card.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState, ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { safeHttpUrl } from '../sanitize.js';

type Analysis = NonNullable<ApiOutputs['skills']['latest']>;
type Progress = ApiOutputs['skills']['progress'][number]['status'];

function useProgress() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const progress = useQuery(trpc.skills.progress.queryOptions());
  const set = useMutation(
    trpc.skills.setProgress.mutationOptions({
      onSuccess: (rows) => {
        queryClient.setQueryData(trpc.skills.progress.queryKey(), rows);
        return queryClient.invalidateQueries({ queryKey: trpc.skills.learningPath.queryKey() });
      },
    }),
  );
  const statusOf = new Map((progress.data ?? []).map((p) => [p.skill, p.status]));
  return { statusOf, set };
}

function ProgressButtons({ skill, name }: { skill: string; name: string }) {
  const { t } = useI18n();
  const { statusOf, set } = useProgress();
  const current = statusOf.get(skill) ?? null;
  const toggle = (status: Progress) => set.mutate({ skill, status: current === status ? null : status });
  const busy = set.isPending && set.variables.skill === skill;
  return (
    <div className="flex flex-wrap gap-2">
      {(['learning', 'learned'] as const).map((status) => (
        <Button
          key={status}
          variant={current === status ? 'primary' : 'secondary'}
          aria-pressed={current === status}
          aria-label={`${t.skills.mark[status]}: ${name}`}
          busy={busy && set.variables.status === status}
          disabled={busy}
          onClick={() => toggle(status)}
        >
          {t.skills.mark[status]}
        </Button>
      ))}
    </div>
  );
}

function Potential({ analysis }: { analysis: Analysis }) {
  const { t, fmt } = useI18n();
  const p = analysis.potential;
  if (p.skills.length === 0) return null;
  const names = new Map(analysis.missing.map((m) => [m.skill, m.name]));
  return (
    <Card aria-labelledby="potential-heading">
      <h2 id="potential-heading" className="mb-2 text-lg font-semibold">
        {t.skills.potential}
      </h2>
      <p className="text-slate-800">
        {t.skills.potentialText(p.skills.map((s) => names.get(s) ?? s).join(', '), fmt.percent(p.currentAverage), fmt.percent(p.potentialAverage))}
      </p>
      <ul className="mt-2 space-y-1 text-sm text-slate-700">
        {p.perSkill.map((s) => (
          <li key={s.skill}>{t.skills.perSkill(names.get(s.skill) ?? s.skill, t.app.points(fmt.number(s.averageGain * 100, 1)), s.jobsImproved)}</li>
        ))}
      </ul>
    </Card>
  );
}

/** Missing skills shown before "show all": the most important ones are what matters. */
const FIRST_GAPS = 8;

function Missing({ analysis }: { analysis: Analysis }) {
  const { t, fmt } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? analysis.missing : analysis.missing.slice(0, FIRST_GAPS);
  return (
    <>
      <ol className="space-y-3">
        {shown.map((gap) => (
          <li key={gap.skill} className="space-y-2 rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">{gap.name}</h3>
              <span className="text-sm text-slate-700">
                {t.skills.importance}: <strong className="tabular-nums">{fmt.number(gap.importance)}</strong>/100
              </span>
            </div>
            <div className="h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
              <div className="h-full bg-amber-500" style={{ width: `${Math.min(100, gap.importance)}%` }} />
            </div>
            <p className="text-sm text-slate-700">
              {t.skills.askedBy(gap.targetJobs, analysis.target.jobs.length, gap.required)} · {t.skills.trend[gap.market.trend.direction]}
              {gap.market.trend.changePp !== null && ` (${fmt.number(gap.market.trend.changePp, 1)} p.p.)`} ·{' '}
              {t.skills.marketShare(fmt.percent(gap.market.last90.share))}
            </p>
            {gap.relatedHeld.length > 0 && <p className="text-sm text-slate-700">{t.skills.related(gap.relatedHeld.map((r) => r.skill).join(', '))}</p>}
            <ProgressButtons skill={gap.skill} name={gap.name} />
          </li>
        ))}
      </ol>
      {!all && analysis.missing.length > FIRST_GAPS && (
        <Button variant="secondary" className="mt-3" onClick={() => setAll(true)}>
          {t.skills.showAll(analysis.missing.length)}
        </Button>
      )}
    </>
  );
}

function LearningPathView({ analysis }: { analysis: Analysis }) {
  const { t, fmt } = useI18n();
  const path = analysis.learningPath;
  if (path.steps.length === 0) return null;
  return (
    <Card aria-labelledby="path-heading">
      <h2 id="path-heading" className="mb-1 text-lg font-semibold">
        {t.skills.path}
      </h2>
      <p className="mb-3 text-sm text-slate-700">{t.skills.pathHours(fmt.number(path.totalHours))}</p>
      <ol className="space-y-4">
        {path.steps.map((step) => (
          <li key={step.skill} className="space-y-1">
            <h3 className="font-semibold">
              {step.order}. {step.name}
            </h3>
            <p className="text-sm text-slate-700">
              {step.reason === 'prerequisite' ? t.skills.prerequisiteFor(step.neededFor.join(', ')) : t.skills.gapStep}
              {step.difficulty && ` · ${t.skills.difficulty[step.difficulty]}`}
              {step.estimatedHours !== null && ` · ${t.skills.hours(fmt.number(step.estimatedHours))}`}
            </p>
            <ul className="space-y-1">
              {step.resources.map((r) => {
                const href = safeHttpUrl(r.url);
                return (
                  <li key={r.url} className="flex flex-wrap items-center gap-2 text-sm">
                    {href ? (
                      <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-emerald-800 underline">
                        {r.title}
                      </a>
                    ) : (
                      r.title
                    )}
                    <Badge>{t.language[r.language]}</Badge>
                    {r.free && <Badge tone="green">{t.skills.free}</Badge>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function History() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const history = useQuery(trpc.skills.history.queryOptions({ limit: 10 }));
  if (!history.data || history.data.length < 2) return null;
  return (
    <Card aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-3 text-lg font-semibold">
        {t.skills.history}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <thead className="text-slate-700">
            <tr>
              <th scope="col" className="py-1 pr-3">
                {t.skills.when}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t.skills.missingCount}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t.skills.averageMatch}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t.skills.pathHoursShort}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {history.data.map((h) => (
              <tr key={h.id}>
                <td className="py-1 pr-3">{fmt.dateTime(h.createdAt)}</td>
                <td className="py-1 pr-3 tabular-nums">{fmt.number(h.missingCount)}</td>
                <td className="py-1 pr-3 tabular-nums">{h.currentAverage === null ? '—' : fmt.percent(h.currentAverage)}</td>
                <td className="py-1 pr-3 tabular-nums">{h.pathHours === null ? '—' : fmt.number(h.pathHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function SkillsPage() {
  const { t, fmt } = useI18n();
  usePageTitle(t.skills.title);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<'top' | 'saved'>('top');
  const latest = useQuery(trpc.skills.latest.queryOptions());
  const analyze = useMutation(
    trpc.skills.analyze.mutationOptions({
      onSuccess: (analysis) => {
        queryClient.setQueryData(trpc.skills.latest.queryKey(), analysis);
        return queryClient.invalidateQueries({ queryKey: trpc.skills.history.queryKey() });
      },
    }),
  );
  const a = latest.data;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">{t.skills.title}</h1>
        <p className="text-slate-700">{t.skills.intro}</p>
      </div>
      <Card aria-labelledby="analyze-heading">
        <h2 id="analyze-heading" className="mb-3 text-lg font-semibold">
          {t.skills.analyze}
        </h2>
        <fieldset className="mb-3 space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t.skills.against}</legend>
          {(['top', 'saved'] as const).map((kind) => (
            <label key={kind} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="target" className="size-4 accent-emerald-700" checked={target === kind} onChange={() => setTarget(kind)} />
              {t.skills.target[kind]}
            </label>
          ))}
        </fieldset>
        <Button busy={analyze.isPending} onClick={() => analyze.mutate({ target: target === 'top' ? { kind: 'top', limit: 20 } : { kind: 'saved' } })}>
          {t.skills.run}
        </Button>
        {analyze.error && (
          <div className="mt-3">
            <ErrorMessage error={analyze.error} byCode={{ PRECONDITION_FAILED: t.skills.precondition }} />
          </div>
        )}
      </Card>

      {latest.isPending && <Loading />}
      {latest.error && <ErrorMessage error={latest.error} onRetry={() => void latest.refetch()} />}
      {latest.data === null && (
        <EmptyState title={t.skills.noneYet}>
          <p>{t.skills.noneYetText}</p>
        </EmptyState>
      )}
      {a && (
        <>
          <p className="text-sm text-slate-700" aria-live="polite">
            {t.skills.analyzedOn(fmt.dateTime(a.createdAt), a.target.jobs.length)}{' '}
            <Link to="/profile" className="font-medium text-emerald-800 underline">
              {t.nav.profile}
            </Link>
          </p>
          <Potential analysis={a} />
          <div className="grid gap-6 lg:grid-cols-2">
            <Card aria-labelledby="missing-heading">
              <h2 id="missing-heading" className="mb-3 text-lg font-semibold">
                {t.skills.missing}
              </h2>
              {a.missing.length === 0 ? <p className="text-slate-700">{t.skills.noGaps}</p> : <Missing analysis={a} />}
              {a.matched.length > 0 && (
                <div className="mt-4">
                  <h3 className="mb-1 text-sm font-semibold text-slate-700">{t.skills.matched}</h3>
                  <ul className="flex flex-wrap gap-1.5">
                    {a.matched.map((m) => (
                      <li key={m.skill}>
                        <Badge tone="green">{m.name}</Badge>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </Card>
            <LearningPathView analysis={a} />
          </div>
          <History />
        </>
      )}
    </div>
  );
}
