import type { JobCard } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { safeHttpUrl } from '../sanitize.js';
import { Badge } from './Card.js';

type Member = JobCard['members'][number];

const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer nofollow' } as const;

/** Every board that lists the job; only http(s) apply links become links. */
export function SourceBadges({ members }: { members: Member[] }) {
  const { t } = useI18n();
  return (
    <ul aria-label={t.job.sourcesCount(members.length)} className="flex flex-wrap gap-2">
      {members.map((m) => {
        const href = safeHttpUrl(m.applyUrl);
        return (
          <li key={m.postingId}>
            {href ? (
              <a
                href={href}
                {...EXTERNAL}
                aria-label={t.job.applyOn(m.sourceName)}
                className="inline-flex min-h-8 items-center rounded-full border border-slate-300 px-3 text-xs font-medium text-slate-800 hover:border-emerald-700 hover:text-emerald-800"
              >
                {m.sourceName} ↗
              </a>
            ) : (
              <Badge>{m.sourceName}</Badge>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The job page's list of places to apply, with each posting's own title and date. */
export function SourceList({ members }: { members: Member[] }) {
  const { t, fmt } = useI18n();
  return (
    <ul className="divide-y divide-slate-200">
      {members.map((m) => {
        const href = safeHttpUrl(m.applyUrl);
        return (
          <li key={m.postingId} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{m.sourceName}</p>
              <p className="truncate text-sm text-slate-600">
                {m.title}
                {m.postedAt && ` · ${t.job.postedOn(fmt.date(m.postedAt))}`}
              </p>
            </div>
            {href ? (
              <a
                href={href}
                {...EXTERNAL}
                className="inline-flex min-h-11 items-center rounded-md bg-emerald-700 px-4 text-sm font-medium text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
              >
                {t.job.applyOn(m.sourceName)} <span aria-hidden="true">&nbsp;↗</span>
              </a>
            ) : (
              <span className="text-sm text-slate-600">{t.job.noApplyLink}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
