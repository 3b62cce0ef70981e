import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useState, type ReactNode } from 'react';
import { useTRPC } from '../api.js';
import { Button } from '../components/Button.js';
import { Badge, Card } from '../components/Card.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Loading, Notice } from '../components/Status.js';
import { parseTimestamp } from '../format.js';
import { useI18n } from '../i18n/index.js';
import { useLiveUpdates } from '../live.js';

const RunChart = lazy(() => import('./RunChart.js'));

/**
 * The Temporal Web UI: where the API's run links point (it knows the address, also of an external
 * cluster's UI); before any run, the dev server's default port beside the app.
 */
function useTemporalUiUrl(): string {
  const trpc = useTRPC();
  const runs = useQuery(trpc.ops.runs.queryOptions({ limit: 20 }));
  const linked = runs.data?.find((run) => run.temporalUrl)?.temporalUrl;
  return linked ? new URL(linked).origin : `${window.location.protocol}//${window.location.hostname}:8233`;
}

function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">{children}</tbody>
      </table>
    </div>
  );
}

const RUN_TONE = { ok: 'green', partial: 'amber', failed: 'red', unfinished: 'blue' } as const;

function Runs() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery({ ...trpc.ops.runs.queryOptions({ limit: 20 }), refetchInterval: 30_000 });
  const trigger = useMutation(trpc.ops.triggerRun.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.ops.runs.queryKey() }) }));
  if (runs.isPending) return <Loading />;
  if (runs.error) return <ErrorMessage error={runs.error} onRetry={() => void runs.refetch()} />;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Button busy={trigger.isPending} onClick={() => trigger.mutate({})}>
          {t.operator.trigger}
        </Button>
        {trigger.data && (
          <Notice>
            {t.operator.triggered}{' '}
            {trigger.data.temporalUrl && (
              <a href={trigger.data.temporalUrl} target="_blank" rel="noopener noreferrer" className="font-medium underline">
                {t.operator.inTemporal}
              </a>
            )}
          </Notice>
        )}
        {trigger.error && <ErrorMessage error={trigger.error} byCode={{ CONFLICT: t.operator.alreadyRunning }} />}
      </div>
      {runs.data.length === 0 ? (
        <p className="text-slate-700">{t.operator.noRuns}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <RunChart runs={runs.data} />
          </Suspense>
          <Table head={[t.operator.started, t.operator.outcome, t.operator.duration, t.operator.stages]}>
            {runs.data.map((run) => (
              <tr key={run.runId}>
                <td className="px-2 py-2 whitespace-nowrap">
                  {fmt.dateTime(run.startedAt)}
                  {run.temporalUrl && (
                    <a href={run.temporalUrl} target="_blank" rel="noopener noreferrer" className="block text-xs font-medium text-emerald-800 underline">
                      {t.operator.inTemporal}
                    </a>
                  )}
                </td>
                <td className="px-2 py-2">
                  <Badge tone={RUN_TONE[run.status]}>{t.operator.runStatus[run.status]}</Badge>
                </td>
                <td className="px-2 py-2 tabular-nums whitespace-nowrap">
                  {t.operator.seconds(fmt.number((parseTimestamp(run.finishedAt).getTime() - parseTimestamp(run.startedAt).getTime()) / 1000, 1))}
                </td>
                <td className="px-2 py-2">
                  <ul className="flex flex-wrap gap-1.5">
                    {run.stages.map((s) => (
                      <li key={s.stage} title={s.error ?? undefined}>
                        <Badge tone={s.status === 'ok' ? 'green' : s.status === 'partial' ? 'amber' : 'red'}>
                          {t.operator.stage[s.stage]}: {t.operator.status[s.status]} · {t.operator.seconds(fmt.number(s.durationMs / 1000, 1))}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                  {run.stages
                    .filter((s) => s.error)
                    .map((s) => (
                      <p key={s.stage} className="mt-1 text-xs break-words text-red-800">
                        {t.operator.stage[s.stage]}: {s.error}
                      </p>
                    ))}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </div>
  );
}

function Sources() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const health = useQuery(trpc.ops.sourceHealth.queryOptions({ perSource: 8 }));
  if (health.isPending) return <Loading />;
  if (health.error) return <ErrorMessage error={health.error} onRetry={() => void health.refetch()} />;
  const sorted = [...health.data].sort((a, b) => Number(b.enabled) - Number(a.enabled) || b.failuresSinceSuccess - a.failuresSinceSuccess || a.name.localeCompare(b.name));
  return (
    <Table head={[t.operator.source, t.operator.enabled, t.operator.lastSuccess, t.operator.failures, t.operator.recent]}>
      {sorted.map((s) => (
        <tr key={s.sourceId}>
          <td className="px-2 py-2">
            <span className="font-medium">{s.name}</span>
            <span className="block text-xs text-slate-600">
              {s.sourceId}
              {s.ownerUserId && ` · ${t.operator.userSource}`}
            </span>
          </td>
          <td className="px-2 py-2">{s.enabled ? t.app.yes : t.app.no}</td>
          <td className="px-2 py-2 whitespace-nowrap">{s.lastSuccessAt ? fmt.relative(s.lastSuccessAt) : t.app.never}</td>
          <td className="px-2 py-2 tabular-nums">{s.failuresSinceSuccess > 0 ? <Badge tone="red">{fmt.number(s.failuresSinceSuccess)}</Badge> : '0'}</td>
          <td className="px-2 py-2">
            <ul className="flex flex-wrap gap-1">
              {s.recent.map((check) => {
                const label = `${fmt.dateTime(check.checkedAt)}: ${check.ok ? t.operator.fetched(check.items, check.newItems) : (check.error ?? '')}`;
                const badge = <Badge tone={check.ok ? 'green' : 'red'}>{check.ok ? fmt.number(check.items) : '✗'}</Badge>;
                return (
                  <li key={check.runId} title={label}>
                    {check.temporalUrl ? (
                      <a href={check.temporalUrl} target="_blank" rel="noopener noreferrer" aria-label={label}>
                        {badge}
                      </a>
                    ) : (
                      <span aria-label={label}>{badge}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** Matcher versions with their held-out metrics; promote, roll back and retrain run as Temporal workflows. */
function Models() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.ops.modelVersions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ops.modelVersions.queryKey() });
  const promote = useMutation(trpc.ops.promoteModel.mutationOptions({ onSuccess: refresh }));
  const rollback = useMutation(trpc.ops.rollbackModel.mutationOptions({ onSuccess: refresh }));
  const retrain = useMutation(trpc.ops.retrainMatcher.mutationOptions());
  if (versions.isPending) return <Loading />;
  if (versions.error) return <ErrorMessage error={versions.error} onRetry={() => void versions.refetch()} />;
  const busy = promote.isPending || rollback.isPending;
  return (
    <div className="space-y-4">
      <Table head={[t.operator.version, t.operator.modelStatus, t.operator.metrics, t.operator.created, '']}>
        {versions.data.map((v) => (
          <tr key={v.version}>
            <td className="px-2 py-2 font-medium">{v.version}</td>
            <td className="px-2 py-2">
              <Badge tone={v.status === 'active' ? 'green' : v.status === 'candidate' ? 'blue' : 'neutral'}>{t.operator.modelStatuses[v.status]}</Badge>
            </td>
            <td className="px-2 py-2 tabular-nums">
              {Object.entries(v.metrics)
                .map(([name, value]) => `${name} ${fmt.number(value, 3)}`)
                .join(' · ') || '—'}
            </td>
            <td className="px-2 py-2 whitespace-nowrap">{fmt.dateTime(v.createdAt)}</td>
            <td className="px-2 py-2">
              {v.status !== 'active' && (
                <Button variant="secondary" disabled={busy} busy={promote.isPending && promote.variables.version === v.version} onClick={() => promote.mutate({ version: v.version })}>
                  {t.operator.promote(v.version)}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={busy} busy={rollback.isPending} onClick={() => rollback.mutate()}>
          {t.operator.rollback}
        </Button>
        <Button variant="secondary" busy={retrain.isPending} onClick={() => retrain.mutate({})}>
          {t.operator.retrain}
        </Button>
      </div>
      {promote.isSuccess && <Notice>{t.operator.promoted}</Notice>}
      {rollback.isSuccess && <Notice>{t.operator.rolledBack}</Notice>}
      {retrain.isSuccess && <Notice>{t.operator.retrainStarted}</Notice>}
      {[promote.error, rollback.error, retrain.error].map((error, i) => error && <ErrorMessage key={i} error={error} />)}
    </div>
  );
}

const EMAIL_TONE = { pending: 'blue', sent: 'green', failed: 'red', bounced: 'amber' } as const;

/** This week's digest for one user, rendered as it would be sent: the HTML in a sandboxed frame (no scripts, no links followed), and the text version. */
function DigestPreview({ userId, to, onClose }: { userId: string; to: string; onClose(): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const periodEnd = new Date().toISOString().slice(0, 10);
  const preview = useQuery(trpc.notifications.previewDigest.queryOptions({ userId, periodEnd }));
  return (
    <section aria-label={t.operator.previewOf(to)} className="space-y-3 rounded-md border border-slate-300 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">{t.operator.previewOf(to)}</h3>
        <Button variant="secondary" onClick={onClose}>
          {t.operator.closePreview}
        </Button>
      </div>
      {preview.isPending ? (
        <Loading />
      ) : preview.error ? (
        <ErrorMessage error={preview.error} />
      ) : (
        <>
          <p className="font-medium">{preview.data.subject}</p>
          <iframe title={preview.data.subject} sandbox="" srcDoc={preview.data.html} className="h-[32rem] w-full rounded border border-slate-200 bg-white" />
          <details>
            <summary className="cursor-pointer text-sm font-medium">{t.operator.plainText}</summary>
            <pre className="mt-2 whitespace-pre-wrap text-sm">{preview.data.text}</pre>
          </details>
        </>
      )}
    </section>
  );
}

/** The e-mail outbox, newest first (bodies stay in the warehouse: a reset e-mail's link is a credential), with a digest preview per recipient. */
function Emails() {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const outbox = useQuery(trpc.notifications.outbox.queryOptions({ limit: 50 }));
  const [previewing, setPreviewing] = useState<{ userId: string; to: string } | null>(null);
  if (outbox.isPending) return <Loading />;
  if (outbox.error) return <ErrorMessage error={outbox.error} onRetry={() => void outbox.refetch()} />;
  if (outbox.data.length === 0) return <p className="text-slate-600">{t.operator.noEmails}</p>;
  return (
    <div className="space-y-4">
      <Table head={[t.operator.created, t.operator.emailKind, t.operator.emailTo, t.operator.emailSubject, t.operator.modelStatus, '']}>
        {outbox.data.map((mail) => (
          <tr key={mail.id}>
            <td className="px-2 py-2 whitespace-nowrap">{fmt.dateTime(mail.createdAt)}</td>
            <td className="px-2 py-2">{t.operator.emailKinds[mail.kind] ?? mail.kind}</td>
            <td className="px-2 py-2">{mail.to}</td>
            <td className="px-2 py-2">{mail.subject}</td>
            <td className="px-2 py-2" title={mail.error ?? undefined}>
              <Badge tone={EMAIL_TONE[mail.status]}>{t.operator.emailStatuses[mail.status]}</Badge>
            </td>
            <td className="px-2 py-2">
              {mail.userId && mail.kind !== 'password_reset' && (
                <Button variant="secondary" onClick={() => setPreviewing({ userId: mail.userId as string, to: mail.to })}>
                  {t.operator.previewDigest}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {previewing && <DigestPreview key={previewing.userId} userId={previewing.userId} to={previewing.to} onClose={() => setPreviewing(null)} />}
    </div>
  );
}

export function OperatorPage() {
  const { t } = useI18n();
  usePageTitle(t.operator.title);
  const temporalUi = useTemporalUiUrl();
  useLiveUpdates(true);
  const link = 'font-medium text-emerald-800 underline';
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">{t.operator.title}</h1>
      <Card aria-labelledby="tools-heading">
        <h2 id="tools-heading" className="mb-3 text-lg font-semibold">
          {t.operator.tools}
        </h2>
        <ul className="space-y-2">
          <li>
            <a href={temporalUi} target="_blank" rel="noopener noreferrer" className={link}>
              {t.operator.temporal}
            </a>
          </li>
          <li>
            <a href="/reports/" className={link}>
              {t.operator.reports}
            </a>
          </li>
          <li>
            <a href="/healthz" className={link}>
              {t.operator.health}
            </a>
          </li>
        </ul>
      </Card>
      <Card aria-labelledby="runs-heading">
        <h2 id="runs-heading" className="mb-3 text-lg font-semibold">
          {t.operator.runs}
        </h2>
        <Runs />
      </Card>
      <Card aria-labelledby="sources-heading">
        <h2 id="sources-heading" className="mb-3 text-lg font-semibold">
          {t.operator.sources}
        </h2>
        <Sources />
      </Card>
      <Card aria-labelledby="models-heading">
        <h2 id="models-heading" className="mb-3 text-lg font-semibold">
          {t.operator.models}
        </h2>
        <Models />
      </Card>
      <Card aria-labelledby="emails-heading">
        <h2 id="emails-heading" className="mb-3 text-lg font-semibold">
          {t.operator.emails}
        </h2>
        <Emails />
      </Card>
    </div>
  );
}
