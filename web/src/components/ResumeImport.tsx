import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Button } from './Button.js';
import { Badge, Card } from './Card.js';
import { ProfileFields, type ProfileInput } from './ProfileFields.js';
import { ErrorMessage, Loading, Notice } from './Status.js';

type Draft = ApiOutputs['resume']['draft'];
const ACCEPT = '.pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Parsing is over in these states; until then the status is asked every second. */
const SETTLED = new Set(['draft', 'accepted', 'failed']);

function DropZone({ onFile, busy }: { onFile(file: File): void; busy: boolean }) {
  const { t } = useI18n();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed p-6 text-center ${over ? 'border-emerald-700 bg-emerald-50' : 'border-slate-300 bg-slate-50'}`}
    >
      {busy ? (
        <p role="status">{t.resume.uploading}</p>
      ) : (
        <p className="text-slate-800">
          {t.resume.drop}{' '}
          <label className="cursor-pointer font-medium text-emerald-800 underline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-emerald-700">
            {t.resume.choose}
            <input
              type="file"
              accept={ACCEPT}
              className="sr-only"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) onFile(file);
                event.target.value = '';
              }}
            />
          </label>
        </p>
      )}
      <p className="mt-1 text-sm text-slate-600">{t.resume.formats}</p>
    </div>
  );
}

function Progress({ status }: { status: ApiOutputs['resume']['status'] }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" className="space-y-2">
      <p className="font-medium">{t.resume.progress}</p>
      <ol className="space-y-1 text-sm">
        {(status.progress?.stages ?? []).map((s) => (
          <li key={s.stage} className="flex items-center gap-2">
            <Badge tone={s.status === 'done' ? 'green' : s.status === 'failed' ? 'red' : s.status === 'running' ? 'blue' : 'neutral'}>{t.resume.stageStatus[s.status]}</Badge>
            {t.resume.stage[s.stage]}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Found({ draft }: { draft: Draft['draft'] }) {
  const { t, fmt, locale } = useI18n();
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const period = (start: string | null, end: string | null, current = false) =>
    [start, current ? t.resume.present : end].filter(Boolean).join(' – ');
  return (
    <div className="space-y-3 text-sm text-slate-800">
      {draft.name && (
        <p>
          <span className="font-semibold">{t.resume.name}:</span> {draft.name}
        </p>
      )}
      {draft.totalYearsExperience !== null && <p>{t.resume.totalYears(fmt.number(draft.totalYearsExperience, 1))}</p>}
      {draft.experience.length > 0 && (
        <div>
          <h4 className="font-semibold">{t.resume.experience}</h4>
          <ul className="ml-5 list-disc">
            {draft.experience.map((e, i) => (
              <li key={i}>
                {[e.title, e.company].filter(Boolean).join(' · ')} {period(e.start, e.end, e.current) && `(${period(e.start, e.end, e.current)})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {draft.education.length > 0 && (
        <div>
          <h4 className="font-semibold">{t.resume.education}</h4>
          <ul className="ml-5 list-disc">
            {draft.education.map((e, i) => (
              <li key={i}>
                {[e.degree, e.institution].filter(Boolean).join(' · ')} {period(e.start, e.end) && `(${period(e.start, e.end)})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {draft.languages.length > 0 && (
        <p>
          <span className="font-semibold">{t.resume.languages}:</span>{' '}
          {draft.languages.map((l) => `${languages.of(l.language) ?? l.language}${l.level ? ` (${l.level})` : ''}`).join(', ')}
        </p>
      )}
      {draft.warnings.length > 0 && (
        <div className="rounded-md bg-amber-50 p-3 text-amber-900">
          <h4 className="font-semibold">{t.resume.warnings}</h4>
          <ul className="ml-5 list-disc">
            {draft.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The parsed résumé beside the profile it suggests, which the user corrects and then accepts. */
function Review({ draft, onAccepted }: { draft: Draft; onAccepted(rescore: 'started' | 'deferred'): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [profile, setProfile] = useState<ProfileInput>(draft.suggestedProfile);
  const accept = useMutation(
    trpc.resume.accept.mutationOptions({
      onSuccess: async (result) => {
        queryClient.setQueryData(trpc.profile.get.queryKey(), result.profile);
        await queryClient.invalidateQueries({ queryKey: trpc.resume.pathKey() });
        onAccepted(result.rescore);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { name, contact, experience, education, languages, skills } = draft.draft;
    accept.mutate({ id: draft.id, profile, resume: { name, contact, experience, education, languages, skills } });
  };
  return (
    <form onSubmit={submit} className="space-y-6">
      <div>
        <h3 className="text-lg font-semibold">{t.resume.review}</h3>
        <p className="text-slate-700">{t.resume.reviewIntro}</p>
      </div>
      <Card aria-labelledby="found-heading">
        <h4 id="found-heading" className="mb-2 font-semibold">
          {t.resume.found}
        </h4>
        <Found draft={draft.draft} />
      </Card>
      <ProfileFields value={profile} onChange={setProfile} />
      {accept.error && <ErrorMessage error={accept.error} />}
      <Button type="submit" busy={accept.isPending}>
        {t.resume.accept}
      </Button>
    </form>
  );
}

/** Onboarding's first step: a résumé dropped or chosen, its parse followed, its result reviewed. */
export function ResumeImport({ onAccepted, onReviewing }: { onAccepted(): void; onReviewing(reviewing: boolean): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [resumeId, setResumeId] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<'started' | 'deferred' | null>(null);
  const upload = useMutation(trpc.resume.upload.mutationOptions({ onSuccess: (r) => setResumeId(r.id) }));
  const status = useQuery({
    ...trpc.resume.status.queryOptions({ id: resumeId ?? '' }),
    enabled: resumeId !== null,
    refetchInterval: (query) => (query.state.data && SETTLED.has(query.state.data.status) ? false : 1_000),
  });
  const draft = useQuery({ ...trpc.resume.draft.queryOptions({ id: resumeId ?? '' }), enabled: status.data?.status === 'draft' });
  const reviewing = draft.data !== undefined && accepted === null && status.data?.status === 'draft';
  useEffect(() => onReviewing(reviewing), [reviewing, onReviewing]);
  const send = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    setAccepted(null);
    setResumeId(null);
    upload.mutate(form);
  };
  const uploadErrors = {
    PAYLOAD_TOO_LARGE: t.resume.tooLarge,
    UNSUPPORTED_MEDIA_TYPE: t.resume.unsupported,
    TOO_MANY_REQUESTS: t.resume.tooMany,
    SERVICE_UNAVAILABLE: t.resume.unavailable,
  };

  return (
    <Card aria-labelledby="resume-heading">
      <h2 id="resume-heading" className="mb-1 text-lg font-semibold">
        {t.resume.title}
      </h2>
      <p className="mb-4 text-slate-700">{t.resume.intro}</p>
      {accepted ? (
        <div className="space-y-3">
          <Notice>
            {t.resume.accepted} {accepted === 'started' ? t.resume.rescoreStarted : t.resume.rescoreDeferred}
          </Notice>
          <Button variant="secondary" onClick={() => (setAccepted(null), setResumeId(null))}>
            {t.resume.another}
          </Button>
        </div>
      ) : (
        <div className="space-y-4">
          {(!resumeId || status.data?.status === 'failed') && <DropZone onFile={send} busy={upload.isPending} />}
          {upload.error && <ErrorMessage error={upload.error} byCode={uploadErrors} />}
          {status.data && !SETTLED.has(status.data.status) && <Progress status={status.data} />}
          {status.data?.status === 'failed' && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              {t.resume.failed} {status.data.error?.message}
            </div>
          )}
          {draft.isPending && status.data?.status === 'draft' && <Loading />}
          {draft.error && <ErrorMessage error={draft.error} />}
          {draft.data && (
            <Review
              key={draft.data.id}
              draft={draft.data}
              onAccepted={(rescore) => {
                setAccepted(rescore);
                onAccepted();
              }}
            />
          )}
        </div>
      )}
    </Card>
  );
}
