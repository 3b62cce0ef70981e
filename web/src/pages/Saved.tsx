import { useQueries, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api.js';
import { FeedbackActions } from '../components/FeedbackActions.js';
import { JobCardView } from '../components/JobCard.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState, ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';

export function SavedPage() {
  const { t } = useI18n();
  usePageTitle(t.saved.title);
  const trpc = useTRPC();
  const saved = useQuery(trpc.feedback.list.queryOptions({ saved: true }));
  const profile = useQuery(trpc.profile.get.queryOptions());
  // One request for all of them: the batch link sends the jobs.get calls together.
  const jobs = useQueries({ queries: (saved.data ?? []).map((f) => trpc.jobs.get.queryOptions({ clusterId: f.clusterId })) });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">{t.saved.title}</h1>
      {saved.isPending && <Loading />}
      {saved.error && <ErrorMessage error={saved.error} onRetry={() => void saved.refetch()} />}
      {saved.data?.length === 0 && (
        <EmptyState title={t.saved.title}>
          <p>{t.saved.empty}</p>
        </EmptyState>
      )}
      <ol className="space-y-4">
        {jobs.map((job, i) => (
          <li key={saved.data?.[i]?.clusterId ?? i}>
            {job.data ? (
              <JobCardView job={job.data} profileSkills={profile.data?.skills} actions={<FeedbackActions clusterId={job.data.clusterId} title={job.data.title} />} />
            ) : job.error ? (
              <ErrorMessage error={job.error} onRetry={() => void job.refetch()} />
            ) : (
              <Loading />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
