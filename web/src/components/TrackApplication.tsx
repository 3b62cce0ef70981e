import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Link, navigate } from '../router.js';
import { Button, buttonClass } from './Button.js';
import { ErrorMessage } from './Status.js';

/** On a job's page: start tracking it (interested, or already applied), or open its application. */
export function TrackApplication({ clusterId }: { clusterId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const applications = useQuery(trpc.applications.list.queryOptions({ limit: 200 }));
  const create = useMutation(
    trpc.applications.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
        navigate(`/applications/${created.id}`);
      },
    }),
  );
  const existing = applications.data?.find((a) => a.clusterId === clusterId);
  if (applications.isPending) return null;
  if (existing) {
    return (
      <p className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        {t.applications.tracked}: <strong>{t.applications.status[existing.status]}</strong>
        <Link to={`/applications/${existing.id}`} className={buttonClass('secondary')}>
          {t.applications.open}
        </Link>
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button busy={create.isPending && create.variables.status === 'saved'} onClick={() => create.mutate({ clusterId, status: 'saved' })}>
          {t.applications.track}
        </Button>
        <Button variant="secondary" busy={create.isPending && create.variables.status === 'applied'} onClick={() => create.mutate({ clusterId, status: 'applied' })}>
          {t.applications.trackApplied}
        </Button>
      </div>
      {create.error && <ErrorMessage error={create.error} />}
    </div>
  );
}
