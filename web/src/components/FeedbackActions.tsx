import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Button } from './Button.js';
import { ErrorMessage } from './Status.js';

/** The signed-in user's feedback on every job, fetched once and shared by all cards. */
export function useFeedback() {
  const trpc = useTRPC();
  const list = useQuery(trpc.feedback.list.queryOptions({}));
  const byCluster = new Map((list.data ?? []).map((f) => [f.clusterId, f]));
  return { list, byCluster };
}

export function useSetFeedback() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.feedback.set.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.feedback.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.matches.list.queryKey() }),
        ]),
    }),
  );
}

/** Save / unsave and dismiss / undo for one job. */
export function FeedbackActions({ clusterId, title }: { clusterId: string; title: string }) {
  const { t } = useI18n();
  const { byCluster } = useFeedback();
  const set = useSetFeedback();
  const current = byCluster.get(clusterId);
  const saved = current?.saved ?? false;
  const dismissed = current?.dismissed ?? false;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant={saved ? 'primary' : 'secondary'}
          aria-pressed={saved}
          aria-label={`${saved ? t.job.unsave : t.job.save}: ${title}`}
          busy={set.isPending && set.variables.saved !== undefined}
          onClick={() => set.mutate({ clusterId, saved: !saved })}
        >
          {saved ? `★ ${t.job.saved}` : `☆ ${t.job.save}`}
        </Button>
        <Button
          variant="ghost"
          aria-label={`${dismissed ? t.job.undoDismiss : t.job.dismiss}: ${title}`}
          busy={set.isPending && set.variables.dismissed !== undefined}
          onClick={() => set.mutate({ clusterId, dismissed: !dismissed })}
        >
          {dismissed ? t.job.undoDismiss : t.job.dismiss}
        </Button>
      </div>
      {dismissed && <p className="text-sm text-slate-700">{t.job.dismissed}</p>}
      {set.error && <ErrorMessage error={set.error} />}
    </div>
  );
}
