import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { Button } from '../components/Button.js';
import { Badge, Card } from '../components/Card.js';
import { TextField } from '../components/Field.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Loading } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link } from '../router.js';
import { useFollowUpText } from './Applications.js';

type Details = ApiOutputs['applications']['get'];
type Band = ApiOutputs['applications']['salaryNegotiation']['market'];

/** Every change returns the whole application: the page shows it at once, and the lists refetch. */
function useApplicationMutation() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (details: Details) => {
    queryClient.setQueryData(trpc.applications.get.queryKey({ id: details.id }), details);
    return queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
  };
}

function Moves({ details }: { details: Details }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [note, setNote] = useState('');
  const onChanged = useApplicationMutation();
  const move = useMutation(trpc.applications.moveStatus.mutationOptions({ onSuccess: (d) => (setNote(''), onChanged(d)) }));
  if (details.allowedMoves.length === 0) return <p className="text-slate-700">{t.applications.final}</p>;
  return (
    <div className="space-y-3">
      <TextField label={t.applications.moveNote} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="flex flex-wrap gap-2">
        {details.allowedMoves.map((to) => (
          <Button
            key={to}
            variant={['rejected', 'withdrawn', 'ghosted'].includes(to) ? 'secondary' : 'primary'}
            busy={move.isPending && move.variables.to === to}
            onClick={() => move.mutate({ id: details.id, to, note: note.trim() || undefined })}
          >
            {t.applications.moveTo(t.applications.status[to])}
          </Button>
        ))}
      </div>
      {move.error && <ErrorMessage error={move.error} />}
    </div>
  );
}

function NextAction({ details }: { details: Details }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [action, setAction] = useState(details.nextAction ?? '');
  const [due, setDue] = useState(details.nextActionDue?.slice(0, 10) ?? '');
  const onChanged = useApplicationMutation();
  const save = useMutation(trpc.applications.setNextAction.mutationOptions({ onSuccess: onChanged }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: details.id, action: action.trim() || null, dueOn: action.trim() && due ? due : null });
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
      <TextField label={t.applications.nextActionWhat} maxLength={200} value={action} onChange={(e) => setAction(e.target.value)} />
      <TextField label={t.applications.nextActionDue} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" busy={save.isPending && save.variables.action !== null} disabled={!action.trim()}>
          {t.applications.saveNextAction}
        </Button>
        {details.nextAction && (
          <Button
            variant="ghost"
            busy={save.isPending && save.variables.action === null}
            onClick={() => {
              setAction('');
              setDue('');
              save.mutate({ id: details.id, action: null, dueOn: null });
            }}
          >
            {t.applications.clearNextAction}
          </Button>
        )}
      </div>
      {save.error && <ErrorMessage error={save.error} />}
    </form>
  );
}

function Timeline({ details }: { details: Details }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const [note, setNote] = useState('');
  const onChanged = useApplicationMutation();
  const add = useMutation(trpc.applications.addNote.mutationOptions({ onSuccess: (d) => (setNote(''), onChanged(d)) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) add.mutate({ id: details.id, text: note.trim() });
  };
  return (
    <div className="space-y-4">
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
        {details.events.map((e) => (
          <li key={e.id} className="space-y-0.5">
            <p className="text-xs text-slate-600">
              <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> · {t.applications.eventKind[e.kind]}
            </p>
            {e.kind === 'status' && e.toStatus && (
              <p className="font-medium text-slate-900">
                {e.fromStatus ? t.applications.eventStatus(t.applications.status[e.fromStatus], t.applications.status[e.toStatus]) : t.applications.eventStarted(t.applications.status[e.toStatus])}
              </p>
            )}
            {e.text && <p className="whitespace-pre-wrap break-words text-slate-800">{e.text}</p>}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="space-y-2">
        <TextField label={t.applications.addNote} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        <Button type="submit" variant="secondary" busy={add.isPending} disabled={!note.trim()}>
          {t.applications.saveNote}
        </Button>
        {add.error && <ErrorMessage error={add.error} />}
      </form>
    </div>
  );
}

function SalaryBands({ id }: { id: string }) {
  const { t, fmt, currency } = useI18n();
  const trpc = useTRPC();
  const salary = useQuery(trpc.applications.salaryNegotiation.queryOptions({ id }));
  if (salary.isPending) return <Loading />;
  if (salary.error) return <p className="text-slate-700">{t.applications.salaryLater}</p>;
  const band = (label: string, b: Band) => {
    const p = currency === 'BRL' ? b.brl : b.usd;
    return (
      <tr key={label}>
        <th scope="row" className="py-1 pr-3 text-left font-medium">
          {label}
          <span className="block text-xs font-normal text-slate-600">{t.applications.salarySample(b.sampleSize)}</span>
        </th>
        {[p.p25, p.p50, p.p75].map((v, i) => (
          <td key={i} className="py-1 pr-3 tabular-nums">
            {v === null ? '—' : fmt.money(v, currency)}
          </td>
        ))}
      </tr>
    );
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="mb-2 text-left text-slate-700">{t.applications.salaryCaption(currency)}</caption>
        <thead>
          <tr className="text-slate-700">
            <td />
            <th scope="col" className="py-1 pr-3 text-left">
              {t.applications.p25}
            </th>
            <th scope="col" className="py-1 pr-3 text-left">
              {t.applications.p50}
            </th>
            <th scope="col" className="py-1 pr-3 text-left">
              {t.applications.p75}
            </th>
          </tr>
        </thead>
        <tbody>
          {band(t.applications.market, salary.data.market)}
          {band(t.contract.clt, salary.data.byContract.clt)}
          {band(t.contract.pj, salary.data.byContract.pj)}
        </tbody>
      </table>
    </div>
  );
}

function InterviewPrep({ id }: { id: string }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const prep = useQuery(trpc.applications.interviewPrep.queryOptions({ id }));
  if (prep.isPending) return <Loading />;
  if (prep.error) return <ErrorMessage error={prep.error} />;
  const { readiness, skills } = prep.data;
  return (
    <div className="space-y-3">
      {readiness.share !== null && (
        <p className="text-slate-800">
          {t.applications.readiness(readiness.covered, readiness.required)} ({fmt.percent(readiness.share)})
        </p>
      )}
      <ul className="space-y-1.5">
        {skills.map((s) => (
          <li key={s.skill} className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={s.user.kind === 'none' ? 'amber' : s.user.kind === 'related' || s.user.kind === 'learning' ? 'blue' : 'green'}>{t.applications.evidence[s.user.kind]}</Badge>
            <span className="font-medium">{s.name}</span>
            <span className="text-slate-600">{t.job[s.requirement === 'required' ? 'required' : s.requirement === 'nice' ? 'nice' : 'other']}</span>
            {s.posting.text && <q className="text-slate-600">{s.posting.text}</q>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ApplicationDetailPage({ id }: { id: string }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const details = useQuery(trpc.applications.get.queryOptions({ id }));
  const followUp = useQuery(trpc.applications.followUp.queryOptions({ id }));
  const followUpText = useFollowUpText()(followUp.data);
  usePageTitle(details.data?.title ?? t.applications.title);

  if (details.isPending) return <Loading />;
  if (details.error) return <ErrorMessage error={details.error} byCode={{ NOT_FOUND: t.applications.notFound, BAD_REQUEST: t.applications.notFound }} />;
  const d = details.data;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link to="/applications" className="inline-flex min-h-11 items-center text-sm font-medium text-emerald-800 underline">
          ← {t.applications.back}
        </Link>
        <h1 className="text-2xl font-bold break-words sm:text-3xl">{d.title}</h1>
        <p className="text-lg text-slate-700">{d.company}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="blue">{t.applications.status[d.status]}</Badge>
          <span className="text-sm text-slate-700">{t.applications.inStatusSince(fmt.date(d.statusChangedAt))}</span>
          {d.matchScore !== null && <Badge tone="green">{t.match.scoreOf(fmt.percent(d.matchScore))}</Badge>}
          <span className="text-sm text-slate-700">
            {t.applications.source}: {d.source}
          </span>
          <Link to={`/jobs/${d.clusterId}`} className="text-sm font-medium text-emerald-800 underline">
            {t.applications.viewJob}
          </Link>
        </div>
        {followUpText && (
          <p className={`rounded-md p-3 ${followUpText.urgent ? 'bg-amber-50 text-amber-900' : 'bg-slate-100 text-slate-800'}`}>
            {followUpText.text}
            {followUp.data?.basis && ` (${t.applications.followUpBasis(followUp.data.basis === 'history' ? followUp.data.historySample : 0)})`}
          </p>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <Card aria-labelledby="moves-heading">
            <h2 id="moves-heading" className="mb-3 text-lg font-semibold">
              {t.applications.moves}
            </h2>
            <Moves details={d} />
          </Card>
          <Card aria-labelledby="next-heading">
            <h2 id="next-heading" className="mb-3 text-lg font-semibold">
              {t.applications.nextAction}
            </h2>
            <NextAction key={`${d.nextAction}-${d.nextActionDue}`} details={d} />
          </Card>
          <Card aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
              {t.applications.timeline}
            </h2>
            <Timeline details={d} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="prep-heading">
            <h2 id="prep-heading" className="mb-3 text-lg font-semibold">
              {t.applications.prep}
            </h2>
            <InterviewPrep id={id} />
          </Card>
          <Card aria-labelledby="salary-heading">
            <h2 id="salary-heading" className="mb-3 text-lg font-semibold">
              {t.applications.salary}
            </h2>
            <SalaryBands id={id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
