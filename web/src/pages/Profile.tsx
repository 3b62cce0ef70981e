import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type Profile } from '../api.js';
import { Button, buttonClass } from '../components/Button.js';
import { usePageTitle } from '../components/Layout.js';
import { ProfileFields, initialProfile, type ProfileInput } from '../components/ProfileFields.js';
import { ResumeImport } from '../components/ResumeImport.js';
import { ErrorMessage, Loading, Notice } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { Link, useLocation } from '../router.js';

function ProfileForm({ existing, welcome }: { existing: Profile | null; welcome: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ProfileInput>(() => initialProfile(existing));
  const save = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.profile.get.queryKey(), saved);
        return queryClient.invalidateQueries({ queryKey: trpc.matches.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit} className="space-y-6">
      <ProfileFields
        value={form}
        onChange={(next) => {
          save.reset();
          setForm(next);
        }}
      />
      <div className="space-y-3">
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && <Notice>{t.profile.saved}</Notice>}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" busy={save.isPending}>
            {t.profile.save}
          </Button>
          {welcome && save.isSuccess && (
            <Link to="/" className={buttonClass('secondary')}>
              {t.profile.toDashboard}
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { search } = useLocation();
  const welcome = search.get('welcome') === '1';
  usePageTitle(welcome ? t.profile.onboardingTitle : t.profile.title);
  const profile = useQuery(trpc.profile.get.queryOptions());
  const [imports, setImports] = useState(0);
  const [reviewing, setReviewing] = useState(false);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">{welcome ? t.profile.onboardingTitle : t.profile.title}</h1>
        {welcome && <p className="text-slate-700">{t.profile.onboardingIntro}</p>}
      </div>
      {profile.isPending ? (
        <Loading />
      ) : profile.error ? (
        <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <>
          <ResumeImport onAccepted={() => setImports(imports + 1)} onReviewing={setReviewing} />
          {/* Hidden while a résumé's profile is reviewed; accepting it replaces the profile, and the form starts again from it. */}
          {!reviewing && <ProfileForm key={imports} existing={profile.data} welcome={welcome} />}
        </>
      )}
    </div>
  );
}
