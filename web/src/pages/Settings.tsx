import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type ApiOutputs } from '../api.js';
import { Button } from '../components/Button.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/Field.js';
import { usePageTitle } from '../components/Layout.js';
import { ErrorMessage, Loading, Notice } from '../components/Status.js';
import type { Currency } from '../format.js';
import { LOCALES, LOCALE_NAMES, isLocale, useI18n } from '../i18n/index.js';

const CURRENCIES: Currency[] = ['BRL', 'USD'];
const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.9];

function Display() {
  const { t, locale, setLocale, currency, setCurrency } = useI18n();
  const currencyNames = new Intl.DisplayNames([locale], { type: 'currency' });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={t.settings.language}
        hint={t.settings.languageHint}
        value={locale}
        onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      />
      <SelectField
        label={t.settings.currency}
        hint={t.settings.currencyHint}
        value={currency}
        onChange={(e) => setCurrency(CURRENCIES.find((c) => c === e.target.value) ?? currency)}
        options={CURRENCIES.map((c) => ({ value: c, label: `${currencyNames.of(c) ?? c} (${c})` }))}
      />
    </div>
  );
}

function EmailForm({ initial }: { initial: ApiOutputs['notifications']['preferences'] }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [prefs, setPrefs] = useState(initial);
  const save = useMutation(
    trpc.notifications.setPreferences.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.notifications.preferences.queryKey(), saved),
    }),
  );
  const set = (patch: Partial<typeof prefs>) => {
    save.reset();
    setPrefs({ ...prefs, ...patch });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(prefs);
  };
  const check = 'inline-flex min-h-11 items-center gap-3 text-slate-800';
  return (
    <form onSubmit={submit} className="space-y-3">
      <label className={check}>
        <input type="checkbox" className="size-4 accent-emerald-700" checked={prefs.emailDigest} onChange={(e) => set({ emailDigest: e.target.checked })} />
        {t.settings.emailDigest}
      </label>
      <label className={check}>
        <input type="checkbox" className="size-4 accent-emerald-700" checked={prefs.matchAlerts} onChange={(e) => set({ matchAlerts: e.target.checked })} />
        {t.settings.matchAlerts}
      </label>
      <div className="max-w-xs">
        <SelectField
          label={t.settings.alertThreshold}
          disabled={!prefs.matchAlerts}
          value={String(prefs.alertThreshold)}
          onChange={(e) => set({ alertThreshold: Number(e.target.value) })}
          options={[...new Set([...THRESHOLDS, prefs.alertThreshold])].sort((a, b) => a - b).map((v) => ({ value: String(v), label: `≥ ${fmt.percent(v)}` }))}
        />
      </div>
      {save.error && <ErrorMessage error={save.error} />}
      {save.isSuccess && <Notice>{t.settings.emailSaved}</Notice>}
      <Button type="submit" busy={save.isPending}>
        {t.settings.saveEmail}
      </Button>
    </form>
  );
}

function EmailPreferences() {
  const trpc = useTRPC();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  if (prefs.isPending) return <Loading />;
  if (prefs.error) return <ErrorMessage error={prefs.error} onRetry={() => void prefs.refetch()} />;
  return <EmailForm initial={prefs.data} />;
}

function ChangePassword() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent('');
        setNew('');
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <form onSubmit={submit} className="grid max-w-md gap-4">
      <TextField label={t.settings.currentPassword} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <TextField
        label={t.settings.newPassword}
        hint={t.auth.passwordHint}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={200}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
      />
      {change.error && <ErrorMessage error={change.error} byCode={{ UNAUTHORIZED: t.settings.wrongPassword }} />}
      {change.isSuccess && <Notice>{t.settings.passwordChanged}</Notice>}
      <div>
        <Button type="submit" busy={change.isPending}>
          {t.settings.changePassword}
        </Button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  usePageTitle(t.settings.title);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">{t.settings.title}</h1>
      <Card aria-labelledby="display-heading">
        <h2 id="display-heading" className="mb-4 text-lg font-semibold">
          {t.settings.display}
        </h2>
        <Display />
      </Card>
      <Card aria-labelledby="email-heading">
        <h2 id="email-heading" className="mb-4 text-lg font-semibold">
          {t.settings.email}
        </h2>
        <EmailPreferences />
      </Card>
      <Card aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-4 text-lg font-semibold">
          {t.settings.password}
        </h2>
        <ChangePassword />
      </Card>
    </div>
  );
}
