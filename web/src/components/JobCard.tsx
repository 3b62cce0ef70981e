import { useId, type ReactNode } from 'react';
import type { JobCard as Job, MatchCard, SearchCard } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { Badge } from './Card.js';
import { ScoreBar } from './ScoreBar.js';
import { SourceBadges } from './SourceLinks.js';

/** The job's monthly salary in the reader's currency, or null when the posting states none. */
export function useSalaryText() {
  const { t, fmt, currency } = useI18n();
  return (job: Pick<Job, 'salaryBrlMonthMin' | 'salaryBrlMonthMax' | 'salaryUsdMonthMin' | 'salaryUsdMonthMax'>): string | null => {
    const range =
      currency === 'BRL'
        ? fmt.moneyRange(job.salaryBrlMonthMin, job.salaryBrlMonthMax, 'BRL')
        : fmt.moneyRange(job.salaryUsdMonthMin, job.salaryUsdMonthMax, 'USD');
    return range && t.app.perMonth(range);
  };
}

/** The job's skills split by whether the profile has them. */
export function splitSkills(jobSkills: string[], profileSkills: string[]): { have: string[]; lack: string[] } {
  const own = new Set(profileSkills);
  return { have: jobSkills.filter((s) => own.has(s)), lack: jobSkills.filter((s) => !own.has(s)) };
}

function SkillList({ label, skills, tone }: { label: string; skills: string[]; tone: 'green' | 'amber' }) {
  if (skills.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-sm">
      <span className="font-medium text-slate-700">{label}:</span>
      {skills.map((s) => (
        <Badge key={s} tone={tone}>
          {s}
        </Badge>
      ))}
    </div>
  );
}

interface JobCardProps {
  job: Job | MatchCard | SearchCard;
  /** The reader's skills: a match card then says which of the job's skills they have. */
  profileSkills?: string[] | null;
  isNew?: boolean;
  actions?: ReactNode;
}

/** One deduplicated job: title, company, facts, every source, and for a match, why it matches. */
export function JobCardView({ job, profileSkills, isNew = false, actions }: JobCardProps) {
  const { t, fmt } = useI18n();
  const titleId = useId();
  const salary = useSalaryText()(job);
  const match = 'components' in job ? job : null;
  // A search card carries the reader's score alone, without its components.
  const searchScore = !match && 'score' in job && typeof job.score === 'number' ? job.score : null;
  const skills = profileSkills ? splitSkills(job.skills, profileSkills) : null;
  return (
    <article aria-labelledby={titleId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 id={titleId} className="text-lg font-semibold leading-snug text-slate-900">
            <Link to={`/jobs/${job.clusterId}`} className="hover:underline focus-visible:underline">
              {job.title}
            </Link>
            {isNew && (
              <span className="ml-2 align-middle">
                <Badge tone="green">{t.match.new}</Badge>
              </span>
            )}
          </h3>
          <p className="text-slate-700">{[job.company, job.location].filter(Boolean).join(' · ')}</p>
          <div className="flex flex-wrap gap-1.5 pt-1">
            <Badge tone="blue">{t.scope[job.remoteScope]}</Badge>
            {job.seniority && <Badge>{t.seniority[job.seniority]}</Badge>}
            {salary && <Badge tone="amber">{salary}</Badge>}
            {searchScore !== null && <Badge tone="green">{t.match.scoreOf(fmt.percent(searchScore))}</Badge>}
          </div>
        </div>
        {match && (
          <div className="w-full shrink-0 sm:w-80">
            <ScoreBar score={match.score} components={match.components} />
          </div>
        )}
      </div>
      {match && skills && (
        <div className="space-y-1.5" aria-label={t.match.why} role="group">
          <SkillList label={t.match.youHave} skills={skills.have} tone="green" />
          <SkillList label={t.match.youLack} skills={skills.lack} tone="amber" />
        </div>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <SourceBadges members={job.members} />
        {actions}
      </div>
    </article>
  );
}
