import { useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTRPC, type ApiInputs, type Profile } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { CONTRACTS as PROFILE_CONTRACTS, COUNTRIES, FLOOR_CURRENCIES, LANGUAGES, PROFILE_SCOPES, PROFILE_SENIORITIES } from '../options.js';
import { Button } from './Button.js';
import { Card } from './Card.js';
import { CheckboxGroup, SelectField, TextField } from './Field.js';

export type ProfileInput = ApiInputs['profile']['update'];

export function initialProfile(existing: Profile | null): ProfileInput {
  if (existing) {
    const { country, timezone, yearsExperience, seniority, skills, salaryFloorUsdMonth, salaryFloor, remoteScopes, languages, contractTypes, targetRoles } = existing;
    return { country, timezone, yearsExperience, seniority, skills, salaryFloorUsdMonth, salaryFloor, remoteScopes, languages, contractTypes, targetRoles };
  }
  return {
    country: 'BR',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    yearsExperience: 0,
    seniority: null,
    skills: [],
    salaryFloorUsdMonth: null,
    salaryFloor: null,
    remoteScopes: ['global', 'latam', 'brazil'],
    languages: ['pt', 'en'],
    contractTypes: [],
    targetRoles: [],
  };
}

type SalaryFloor = NonNullable<ProfileInput['salaryFloor']>;

/** The salary floor as the person thinks of it: an amount, its currency, and whether it is a CLT salary. */
function SalaryFloorFields({ value, onChange }: { value: ProfileInput['salaryFloor']; onChange(next: SalaryFloor | null): void }) {
  const { t, locale } = useI18n();
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  const floor: SalaryFloor = value ?? { amount: 0, currency: locale === 'pt-BR' ? 'BRL' : 'USD', contract: null };
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <TextField
        label={t.profile.salaryFloor}
        hint={t.profile.salaryFloorHint}
        type="number"
        inputMode="numeric"
        min={0}
        max={100_000_000}
        step={100}
        value={value ? String(value.amount) : ''}
        onChange={(e) => onChange(e.target.value === '' ? null : { ...floor, amount: Math.min(100_000_000, Math.max(0, Number(e.target.value) || 0)) })}
      />
      <SelectField
        label={t.profile.salaryCurrency}
        value={floor.currency}
        disabled={!value}
        onChange={(e) => onChange({ ...floor, currency: FLOOR_CURRENCIES.find((c) => c === e.target.value) ?? floor.currency })}
        options={FLOOR_CURRENCIES.map((c) => ({ value: c, label: `${c} · ${names.of(c) ?? c}` }))}
      />
      <SelectField
        label={t.profile.salaryContract}
        hint={t.profile.salaryContractHint}
        value={floor.contract ?? ''}
        disabled={!value}
        onChange={(e) => onChange({ ...floor, contract: e.target.value === 'clt' ? 'clt' : null })}
        options={[
          { value: '', label: t.profile.salaryAsIs },
          { value: 'clt', label: t.profile.salaryClt },
        ]}
      />
    </div>
  );
}

/** Skills as chips: typed ids (lower case, dashes), suggested from the skills the current jobs ask for. */
function SkillsInput({ value, onChange, suggestions }: { value: string[]; onChange(next: string[]): void; suggestions: string[] }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const listId = useId();
  const add = () => {
    const skill = draft.trim().toLowerCase().replace(/\s+/g, '-');
    if (skill && skill.length <= 80 && !value.includes(skill)) onChange([...value, skill]);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    }
  };
  return (
    <div className="space-y-3">
      <TextField label={t.profile.skillsLabel} hint={t.profile.skillsHint} list={listId} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <Button variant="secondary" onClick={add} disabled={!draft.trim()}>
        {t.profile.addSkill}
      </Button>
      {value.length === 0 ? (
        <p className="text-sm text-slate-600">{t.profile.noSkills}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label={t.profile.skills}>
          {value.map((skill) => (
            <li key={skill} className="inline-flex items-center gap-1 rounded-full bg-emerald-100 py-1 pl-3 pr-1 text-sm text-emerald-900">
              {skill}
              <button
                type="button"
                aria-label={t.profile.removeSkill(skill)}
                onClick={() => onChange(value.filter((s) => s !== skill))}
                className="inline-flex size-7 items-center justify-center rounded-full hover:bg-emerald-200 focus-visible:outline-2 focus-visible:outline-emerald-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The profile's fields, controlled: the profile form and the résumé review both edit a profile with them. */
export function ProfileFields({ value: form, onChange }: { value: ProfileInput; onChange(next: ProfileInput): void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const jobs = useQuery(trpc.jobs.list.queryOptions({ limit: 100 }));
  const suggestions = [...new Set((jobs.data ?? []).flatMap((j) => j.skills))].sort();
  const set = (patch: Partial<ProfileInput>) => onChange({ ...form, ...patch });
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const countries = [...new Set([...COUNTRIES, ...(form.country ? [form.country] : [])])]
    .map((code) => ({ value: code, label: regions.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const zones = Intl.supportedValuesOf('timeZone');

  return (
    <>
      <Card aria-labelledby="experience-heading">
        <h2 id="experience-heading" className="mb-4 text-lg font-semibold">
          {t.profile.experience}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t.profile.country}
            value={form.country ?? ''}
            onChange={(e) => set({ country: e.target.value || null })}
            options={[{ value: '', label: t.profile.notSaying }, ...countries]}
          />
          <SelectField
            label={t.profile.timezone}
            value={form.timezone ?? ''}
            onChange={(e) => set({ timezone: e.target.value || null })}
            options={[{ value: '', label: t.profile.notSaying }, ...[...new Set([...zones, ...(form.timezone ? [form.timezone] : [])])].map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))]}
          />
          <TextField
            label={t.profile.yearsExperience}
            type="number"
            inputMode="numeric"
            min={0}
            max={60}
            step="any"
            required
            value={String(form.yearsExperience)}
            onChange={(e) => set({ yearsExperience: Math.max(0, Math.min(60, Number(e.target.value) || 0)) })}
          />
          <SelectField
            label={t.profile.seniority}
            value={form.seniority ?? ''}
            onChange={(e) => set({ seniority: PROFILE_SENIORITIES.find((s) => s === e.target.value) ?? null })}
            options={[{ value: '', label: t.profile.notSaying }, ...PROFILE_SENIORITIES.map((s) => ({ value: s, label: t.seniority[s] }))]}
          />
        </div>
      </Card>

      <Card aria-labelledby="skills-heading">
        <h2 id="skills-heading" className="mb-4 text-lg font-semibold">
          {t.profile.skills}
        </h2>
        <SkillsInput value={form.skills} onChange={(skills) => set({ skills })} suggestions={suggestions} />
      </Card>

      <Card aria-labelledby="preferences-heading">
        <h2 id="preferences-heading" className="mb-4 text-lg font-semibold">
          {t.profile.preferences}
        </h2>
        <div className="space-y-5">
          <SalaryFloorFields value={form.salaryFloor} onChange={(salaryFloor) => set({ salaryFloor, salaryFloorUsdMonth: null })} />
          <CheckboxGroup
            legend={t.profile.contractTypes}
            options={PROFILE_CONTRACTS.map((c) => ({ value: c, label: t.contract[c] }))}
            value={form.contractTypes ?? []}
            onChange={(contractTypes) => set({ contractTypes })}
          />
          <p className="-mt-3 text-sm text-slate-600">{t.profile.contractTypesHint}</p>
          <TextField
            label={t.profile.targetRoles}
            hint={t.profile.targetRolesHint}
            maxLength={900}
            value={(form.targetRoles ?? []).join(', ')}
            onChange={(e) => set({ targetRoles: e.target.value.split(',').map((r) => r.trimStart()).slice(0, 10).map((r) => r.slice(0, 80)) })}
          />
          <CheckboxGroup
            legend={t.profile.remoteScopes}
            options={PROFILE_SCOPES.map((s) => ({ value: s, label: t.scope[s] }))}
            value={form.remoteScopes}
            onChange={(remoteScopes) => set({ remoteScopes })}
          />
          <CheckboxGroup
            legend={t.profile.languages}
            options={LANGUAGES.map((l) => ({ value: l, label: t.language[l] }))}
            value={form.languages.filter((l): l is (typeof LANGUAGES)[number] => (LANGUAGES as string[]).includes(l))}
            onChange={(languages) => set({ languages: [...languages, ...form.languages.filter((l) => !(LANGUAGES as string[]).includes(l))] })}
          />
        </div>
      </Card>

    </>
  );
}

