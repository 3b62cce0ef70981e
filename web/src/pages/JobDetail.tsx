import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC, type JobDetail } from '../api.js';
import { buttonClass } from '../components/Button.js';
import { Badge, Card } from '../components/Card.js';
import { FeedbackActions } from '../components/FeedbackActions.js';
import { splitSkills, useSalaryText } from '../components/JobCard.js';
import { usePageTitle } from '../components/Layout.js';
import { SafeDescription } from '../components/SafeDescription.js';
import { ScoreBar } from '../components/ScoreBar.js';
import { SourceList } from '../components/SourceLinks.js';
import { TrackApplication } from '../components/TrackApplication.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import type { SessionUser } from '../session.js';

/** Hours from UTC as "+5:30", "−3". */
function utcOffset(hours: number): string {
  const sign = hours < 0 ? '−' : '+';
  const abs = Math.abs(hours);
  const minutes = Math.round((abs % 1) * 60);
  return `${sign}${Math.floor(abs)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

function Facts({ job }: { job: JobDetail }) {
  const { t, fmt, locale } = useI18n();
  const salary = useSalaryText()(job);
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const countries = job.remoteCountries?.length ? job.remoteCountries.map((c) => regions.of(c) ?? c).join(', ') : null;
  return (
    <dl className="divide-y divide-slate-200">
      {job.location && <Fact label={t.job.location}>{job.location}</Fact>}
      <Fact label={t.job.scope}>{t.scope[job.remoteScope]}</Fact>
      {countries && <Fact label={t.job.countries}>{countries}</Fact>}
      {(job.seniority || job.yearsRequired !== null) && (
        <Fact label={t.job.seniority}>
          {[job.seniority && t.seniority[job.seniority], job.yearsRequired !== null && t.job.yearsRequired(fmt.number(job.yearsRequired, 1))].filter(Boolean).join(' · ')}
        </Fact>
      )}
      {job.employmentType && <Fact label={t.job.employment}>{t.employment[job.employmentType]}</Fact>}
      {job.contractType && <Fact label={t.job.contract}>{t.contract[job.contractType]}</Fact>}
      {job.tzMinUtcOffset !== null && job.tzMaxUtcOffset !== null && (
        <Fact label={t.job.timezone}>{t.job.timezoneWindow(utcOffset(job.tzMinUtcOffset), utcOffset(job.tzMaxUtcOffset))}</Fact>
      )}
      <Fact label={t.job.salary}>
        {salary ?? t.job.salaryNotStated}
        {job.salaryText && (
          <span className="block text-sm text-slate-600">
            {t.job.salaryAsStated}: {job.salaryText}
          </span>
        )}
      </Fact>
      {job.language && <Fact label={t.job.language}>{t.language[job.language]}</Fact>}
      <Fact label={t.job.firstSeen}>{fmt.date(job.firstSeenAt)}</Fact>
    </dl>
  );
}

/** The job's skills as the posting ranks them, each marked as one the reader has or lacks. */
function SkillGap({ job, profileSkills }: { job: JobDetail; profileSkills: string[] | null }) {
  const { t } = useI18n();
  const required = job.skillsRequired ?? [];
  const nice = job.skillsNice ?? [];
  const other = job.skills.filter((s) => !required.includes(s) && !nice.includes(s));
  const groups = [
    { label: t.job.required, skills: required },
    { label: t.job.nice, skills: nice },
    { label: t.job.other, skills: other },
  ].filter((g) => g.skills.length > 0);
  if (groups.length === 0) return <p className="text-slate-700">{t.job.noSkills}</p>;
  return (
    <div className="space-y-3">
      {groups.map((g) => {
        const split = profileSkills ? splitSkills(g.skills, profileSkills) : null;
        return (
          <div key={g.label}>
            <h3 className="mb-1 text-sm font-semibold text-slate-700">{g.label}</h3>
            <ul className="flex flex-wrap gap-1.5">
              {g.skills.map((s) => {
                const has = split?.have.includes(s);
                return (
                  <li key={s}>
                    <Badge tone={split ? (has ? 'green' : 'amber') : 'neutral'}>
                      {split ? `${has ? '✓' : '✗'} ${s}` : s}
                      {split && <span className="sr-only"> ({has ? t.job.have : t.job.missing})</span>}
                    </Badge>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

function MatchPanel({ clusterId, job }: { clusterId: string; job: JobDetail }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const matches = useQuery(trpc.matches.list.queryOptions({ limit: 100, minScore: 0 }));
  const profile = useQuery(trpc.profile.get.queryOptions());
  const match = matches.data?.find((m) => m.clusterId === clusterId);
  return (
    <>
      <Card aria-labelledby="why-heading">
        <h2 id="why-heading" className="mb-3 text-lg font-semibold">
          {t.match.why}
        </h2>
        {matches.isPending ? <Loading /> : match ? <ScoreBar score={match.score} components={match.components} /> : <p className="text-slate-700">{t.job.notScored}</p>}
        <div className="mt-4 space-y-4">
          <FeedbackActions clusterId={clusterId} title={job.title} />
          <TrackApplication clusterId={clusterId} />
        </div>
      </Card>
      <Card aria-labelledby="gap-heading">
        <h2 id="gap-heading" className="mb-3 text-lg font-semibold">
          {t.job.skillGap}
        </h2>
        <SkillGap job={job} profileSkills={profile.data?.skills ?? null} />
      </Card>
    </>
  );
}

export function JobDetailPage({ clusterId, user }: { clusterId: string; user: SessionUser | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const job = useQuery(trpc.jobs.get.queryOptions({ clusterId }));
  usePageTitle(job.data?.title ?? t.nav.jobs);

  if (job.isPending) return <Loading />;
  if (job.error) return <ErrorMessage error={job.error} byCode={{ NOT_FOUND: t.job.notFound, BAD_REQUEST: t.job.notFound }} onRetry={() => void job.refetch()} />;
  const j = job.data;
  return (
    <article className="space-y-6" aria-labelledby="job-title">
      <div className="space-y-2">
        <button type="button" onClick={() => window.history.back()} className="min-h-11 text-sm font-medium text-emerald-800 underline">
          ← {t.job.back}
        </button>
        <h1 id="job-title" className="text-2xl font-bold break-words sm:text-3xl">
          {j.title}
        </h1>
        {j.company && <p className="text-lg text-slate-700">{j.company}</p>}
        {!j.active && <p className="rounded-md bg-amber-50 p-3 text-amber-900">{t.job.inactive}</p>}
        {j.qualityOk === false && j.qualityFlags && (
          <div role="note" className="rounded-md bg-amber-50 p-3 text-amber-900">
            <p className="font-medium">{t.job.qualityWarning}</p>
            <ul className="ml-5 list-disc">
              {j.qualityFlags.map((f) => (
                <li key={f.code}>{t.quality[f.code]}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="sources-heading">
            <h2 id="sources-heading" className="text-lg font-semibold">
              {t.job.sourcesTitle}
            </h2>
            <p className="text-sm text-slate-600">{t.job.sourcesCount(j.members.length)}</p>
            <SourceList members={j.members} />
          </Card>
          <Card aria-labelledby="description-heading">
            <h2 id="description-heading" className="mb-3 text-lg font-semibold">
              {t.job.description}
            </h2>
            <SafeDescription text={j.description} />
          </Card>
        </div>
        <div className="space-y-6">
          {user ? (
            <MatchPanel clusterId={clusterId} job={j} />
          ) : (
            <Card>
              <p className="mb-3 text-slate-700">{t.job.logInToMatch}</p>
              <Link to={`/login?next=${encodeURIComponent(`/jobs/${clusterId}`)}`} className={buttonClass()}>
                {t.nav.logIn}
              </Link>
            </Card>
          )}
          <Card aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="text-lg font-semibold">
              {t.job.facts}
            </h2>
            <Facts job={j} />
          </Card>
        </div>
      </div>
    </article>
  );
}
