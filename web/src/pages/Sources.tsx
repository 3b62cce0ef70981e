import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { Button } from '../components/Button.js';
import { Badge, Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/Field.js';
import { usePageTitle } from '../components/Layout.js';
import { EmptyState, ErrorMessage, Loading, Notice } from '../components/Status.js';
import { useI18n } from '../i18n/index.js';
import { safeHttpUrl } from '../sanitize.js';

type Config = ApiInputs['sources']['create']['config'];
type Kind = Config['kind'];
type RssConfig = Extract<Config, { kind: 'rss' }>;
type ApiConfig = Extract<Config, { kind: 'api' }>;
type ScrapeConfig = Extract<Config, { kind: 'scrape' }>;
type Mine = ApiOutputs['sources']['mine'][number];
type Trial = ApiOutputs['sources']['test'];

const KINDS: Kind[] = ['rss', 'api', 'scrape'];

/** A new source of each kind: the fields the API requires, everything optional left out. */
function template(kind: Kind): Config {
  if (kind === 'rss') return { kind, url: '' };
  if (kind === 'api') return { kind, endpoint: '', mapping: { jobs_path: '$[*]', id_path: '$.id', title_path: '$.title' } };
  return { kind, base_url: '', search_url: '', selectors: { container: '', title: '' } };
}

/** Empty optional fields are left out: the API reads an empty string as a wrong value, not as none. */
function withoutEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutEmpty) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, withoutEmpty(v)])) as T;
  }
  return value;
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** Which field the server refused, and why (zod's issues of a BAD_REQUEST). */
function issuesOf(error: unknown): string[] {
  if (!(error instanceof TRPCClientError)) return [];
  const issues = (error.data as { issues?: { path: (string | number)[]; message: string }[] } | undefined)?.issues ?? [];
  return issues.map((i) => `${i.path.filter((p) => p !== 'config').join('.')}: ${i.message}`);
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

function RssFields({ config, set }: { config: RssConfig; set(next: RssConfig): void }) {
  const { t } = useI18n();
  const mapping = config.mapping ?? {};
  return (
    <Fieldset legend={t.sources.kinds.rss}>
      <TextField label={t.sources.feedUrl} type="url" required value={config.url} onChange={(e) => set({ ...config, url: e.target.value })} />
      <TextField label={t.sources.category} value={config.category ?? ''} onChange={(e) => set({ ...config, category: e.target.value })} />
      <TextField label={t.sources.companyField} placeholder="job:company" value={mapping.company_field ?? ''} onChange={(e) => set({ ...config, mapping: { ...mapping, company_field: e.target.value } })} />
      <TextField label={t.sources.locationField} placeholder="job:location" value={mapping.location_field ?? ''} onChange={(e) => set({ ...config, mapping: { ...mapping, location_field: e.target.value } })} />
    </Fieldset>
  );
}

function ApiFields({ config, set }: { config: ApiConfig; set(next: ApiConfig): void }) {
  const { t } = useI18n();
  const mapping = config.mapping;
  const path = (key: keyof ApiConfig['mapping'], required = false) => (
    <TextField
      key={key}
      label={`${t.sources.paths[key]}${required ? '' : ` (${t.sources.optional})`}`}
      required={required}
      placeholder="$.field"
      value={mapping[key] ?? ''}
      onChange={(e) => set({ ...config, mapping: { ...mapping, [key]: e.target.value } })}
    />
  );
  const auth = config.auth ?? { type: 'none' as const };
  const pagination = config.pagination ?? { type: 'none' as const };
  const params = Object.entries(config.params ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n');
  return (
    <>
      <Fieldset legend={t.sources.kinds.api}>
        <TextField label={t.sources.endpoint} type="url" required value={config.endpoint} onChange={(e) => set({ ...config, endpoint: e.target.value })} />
        <SelectField
          label={t.sources.method}
          value={config.method ?? 'GET'}
          onChange={(e) => set({ ...config, method: e.target.value === 'POST' ? 'POST' : 'GET' })}
          options={[
            { value: 'GET', label: 'GET' },
            { value: 'POST', label: 'POST' },
          ]}
        />
        <label className="space-y-1 sm:col-span-2">
          <span className="block text-sm font-medium text-slate-800">{t.sources.params}</span>
          <textarea
            rows={3}
            className="block w-full rounded-md border border-slate-400 px-3 py-2 font-mono text-sm"
            value={params}
            onChange={(e) =>
              set({
                ...config,
                params: Object.fromEntries(
                  e.target.value
                    .split('\n')
                    .map((line) => line.split('='))
                    .filter(([k]) => k?.trim())
                    .map(([k, ...v]) => [k?.trim() ?? '', v.join('=').trim()]),
                ),
              })
            }
          />
          <span className="block text-sm text-slate-600">{t.sources.paramsHint}</span>
        </label>
        <SelectField
          label={t.sources.auth}
          value={auth.type}
          onChange={(e) =>
            set({
              ...config,
              auth: e.target.value === 'bearer' ? { type: 'bearer', value: '' } : e.target.value === 'api-key' ? { type: 'api-key', header: 'X-Api-Key', value: '' } : { type: 'none' },
            })
          }
          options={(['none', 'api-key', 'bearer'] as const).map((a) => ({ value: a, label: t.sources.authTypes[a] }))}
        />
        {auth.type === 'api-key' && <TextField label={t.sources.authHeader} value={auth.header} onChange={(e) => set({ ...config, auth: { ...auth, header: e.target.value } })} />}
        {auth.type !== 'none' && (
          <TextField
            label={t.sources.authValue}
            hint={t.sources.authValueHint}
            placeholder="${CUSTOM_SOURCE_ACME_TOKEN}"
            value={auth.value}
            onChange={(e) => set({ ...config, auth: { ...auth, value: e.target.value } })}
          />
        )}
      </Fieldset>
      <Fieldset legend={t.sources.mapping}>
        {path('jobs_path', true)}
        {path('id_path', true)}
        {path('title_path', true)}
        {(['company_path', 'location_path', 'salary_path', 'description_path', 'url_path', 'date_path', 'tags_path'] as const).map((key) => path(key))}
      </Fieldset>
      <Fieldset legend={t.sources.pagination}>
        <SelectField
          label={t.sources.paginationType}
          value={pagination.type}
          onChange={(e) =>
            set({
              ...config,
              pagination:
                e.target.value === 'page'
                  ? { type: 'page' }
                  : e.target.value === 'offset'
                    ? { type: 'offset' }
                    : e.target.value === 'next_link'
                      ? { type: 'next_link', next_path: '$.next' }
                      : { type: 'none' },
            })
          }
          options={(['none', 'page', 'offset', 'next_link'] as const).map((p) => ({ value: p, label: t.sources.paginationTypes[p] }))}
        />
        {pagination.type === 'next_link' && (
          <TextField label={t.sources.nextPath} value={pagination.next_path} onChange={(e) => set({ ...config, pagination: { ...pagination, next_path: e.target.value } })} />
        )}
        {(pagination.type === 'page' || pagination.type === 'offset') && (
          <TextField label={t.sources.pageParam} value={pagination.param ?? ''} onChange={(e) => set({ ...config, pagination: { ...pagination, param: e.target.value } })} />
        )}
        {pagination.type !== 'none' && (
          <TextField
            label={t.sources.maxPages}
            type="number"
            min={1}
            max={50}
            value={String(pagination.max_pages ?? 5)}
            onChange={(e) => set({ ...config, pagination: { ...pagination, max_pages: Number(e.target.value) || 1 } })}
          />
        )}
      </Fieldset>
    </>
  );
}

function ScrapeFields({ config, set }: { config: ScrapeConfig; set(next: ScrapeConfig): void }) {
  const { t } = useI18n();
  const selectors = config.selectors;
  const selector = (key: keyof ScrapeConfig['selectors'], required = false) => (
    <TextField
      key={key}
      label={`${t.sources.selectors[key]}${required ? '' : ` (${t.sources.optional})`}`}
      required={required}
      value={selectors[key] ?? ''}
      onChange={(e) => set({ ...config, selectors: { ...selectors, [key]: e.target.value } })}
    />
  );
  return (
    <>
      <Fieldset legend={t.sources.kinds.scrape}>
        <TextField label={t.sources.baseUrl} type="url" required value={config.base_url} onChange={(e) => set({ ...config, base_url: e.target.value })} />
        <TextField label={t.sources.searchUrl} hint={t.sources.searchUrlHint} required value={config.search_url} onChange={(e) => set({ ...config, search_url: e.target.value })} />
        <TextField label={`${t.sources.query} (${t.sources.optional})`} value={config.query ?? ''} onChange={(e) => set({ ...config, query: e.target.value })} />
        <TextField label={t.sources.maxPages} type="number" min={1} max={20} value={String(config.max_pages ?? 3)} onChange={(e) => set({ ...config, max_pages: Number(e.target.value) || 1 })} />
      </Fieldset>
      <Fieldset legend={t.sources.selectorsTitle}>
        {selector('container', true)}
        {selector('title', true)}
        {(['link', 'company', 'location', 'salary', 'description', 'date', 'next_page'] as const).map((key) => selector(key))}
      </Fieldset>
    </>
  );
}

function FilterFields({ config, set }: { config: Config; set(next: Config): void }) {
  const { t } = useI18n();
  const filters = config.filters ?? {};
  const field = (key: 'keywords' | 'locations' | 'exclude_keywords') => (
    <TextField
      key={key}
      label={t.sources.filters[key]}
      value={(filters[key] ?? []).join(', ')}
      onChange={(e) => set({ ...config, filters: { ...filters, [key]: list(e.target.value) } })}
    />
  );
  return (
    <Fieldset legend={t.sources.filtersTitle}>
      {field('keywords')}
      {field('locations')}
      {field('exclude_keywords')}
    </Fieldset>
  );
}

function TrialResult({ trial }: { trial: Trial }) {
  const { t } = useI18n();
  if (!trial.ok) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        {t.sources.testFailed}: {trial.error}
      </div>
    );
  }
  return (
    <div role="status" className="space-y-2">
      <p className="font-medium text-emerald-900">{t.sources.testOk(trial.items, trial.skipped, trial.filtered)}</p>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {trial.samples.map((sample) => {
          const href = safeHttpUrl(sample.applyUrl);
          return (
            <li key={sample.externalId} className="p-2 text-sm">
              <p className="font-medium">{href ? <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="underline">{sample.title}</a> : sample.title}</p>
              <p className="text-slate-700">{[sample.company, sample.location, sample.salaryText].filter(Boolean).join(' · ')}</p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Adding or editing a source: its configuration, a test read of its first page, then save. */
function SourceForm({ editing, onDone }: { editing: Mine | null; onDone(): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(editing?.name ?? '');
  // A stored configuration was validated by the same schema when it was saved.
  const [config, setConfig] = useState<Config>(() => (editing?.config as Config | null) ?? template('rss'));
  const trial = useMutation(trpc.sources.test.mutationOptions());
  const onSaved = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.sources.mine.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.sources.create.mutationOptions({ onSuccess: onSaved }));
  const update = useMutation(trpc.sources.update.mutationOptions({ onSuccess: onSaved }));
  const save = editing ? update : create;
  const set = (next: Config) => {
    trial.reset();
    setConfig(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = withoutEmpty(config);
    if (editing) update.mutate({ id: editing.id, name, config: clean });
    else create.mutate({ name, config: clean });
  };
  const refused = [...issuesOf(trial.error), ...issuesOf(save.error)];
  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t.sources.name} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        <SelectField
          label={t.sources.kind}
          value={config.kind}
          disabled={editing !== null}
          onChange={(e) => set(template(KINDS.find((k) => k === e.target.value) ?? 'rss'))}
          options={KINDS.map((k) => ({ value: k, label: t.sources.kinds[k] }))}
        />
      </div>
      {config.kind === 'rss' && <RssFields config={config} set={set} />}
      {config.kind === 'api' && <ApiFields config={config} set={set} />}
      {config.kind === 'scrape' && <ScrapeFields config={config} set={set} />}
      <FilterFields config={config} set={set} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" busy={trial.isPending} onClick={() => trial.mutate({ config: withoutEmpty(config), samples: 5 })}>
          {t.sources.test}
        </Button>
        <Button type="submit" busy={save.isPending}>
          {t.sources.save}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t.sources.cancel}
        </Button>
      </div>
      {trial.data && <TrialResult trial={trial.data} />}
      {(trial.error || save.error) && <ErrorMessage error={trial.error ?? save.error} byCode={{ TOO_MANY_REQUESTS: t.sources.tooManyTests }} />}
      {refused.length > 0 && (
        <ul className="ml-5 list-disc text-sm text-red-800">
          {refused.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

function SourceRow({ source, onEdit }: { source: Mine; onEdit(): void }) {
  const { t, fmt } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sources.mine.queryKey() });
  const toggle = useMutation(trpc.sources.setEnabled.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.sources.remove.mutationOptions({ onSuccess: refresh }));
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{source.name}</h3>
        <div className="flex flex-wrap gap-1.5">
          <Badge>{t.sources.kinds[source.kind === 'json_api' ? 'api' : source.kind === 'html' ? 'scrape' : 'rss']}</Badge>
          <Badge tone={source.enabled ? 'green' : 'neutral'}>{source.enabled ? t.sources.enabled : t.sources.disabled}</Badge>
        </div>
      </div>
      <p className="break-all text-sm text-slate-600">{source.url}</p>
      <p className="text-sm text-slate-700">
        {source.lastCheckedAt
          ? `${t.sources.lastFetch(fmt.relative(source.lastCheckedAt))}: ${source.lastOk ? t.sources.items(source.lastItems ?? 0) : (source.lastError ?? '')}`
          : t.sources.notFetched}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onEdit} aria-label={`${t.sources.edit}: ${source.name}`}>
          {t.sources.edit}
        </Button>
        <Button variant="secondary" busy={toggle.isPending} onClick={() => toggle.mutate({ id: source.id, enabled: !source.enabled })}>
          {source.enabled ? t.sources.disable : t.sources.enable}
        </Button>
        {confirming ? (
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate({ id: source.id })}>
            {t.sources.confirmRemove}
          </Button>
        ) : (
          <Button variant="ghost" onClick={() => setConfirming(true)}>
            {t.sources.remove}
          </Button>
        )}
      </div>
      {(toggle.error || remove.error) && <ErrorMessage error={toggle.error ?? remove.error} />}
    </li>
  );
}

export function SourcesPage() {
  const { t } = useI18n();
  usePageTitle(t.sources.title);
  const trpc = useTRPC();
  const mine = useQuery(trpc.sources.mine.queryOptions());
  const [editing, setEditing] = useState<Mine | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">{t.sources.title}</h1>
        <p className="text-slate-700">{t.sources.intro}</p>
      </div>
      {saved && <Notice>{t.sources.saved}</Notice>}
      {editing ? (
        <Card aria-labelledby="source-form-heading">
          <h2 id="source-form-heading" className="mb-3 text-lg font-semibold">
            {editing === 'new' ? t.sources.add : t.sources.editing(editing.name)}
          </h2>
          <SourceForm
            key={editing === 'new' ? 'new' : editing.id}
            editing={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              setSaved(true);
            }}
          />
        </Card>
      ) : (
        <Button
          onClick={() => {
            setSaved(false);
            setEditing('new');
          }}
        >
          {t.sources.add}
        </Button>
      )}
      <Card aria-labelledby="mine-heading">
        <h2 id="mine-heading" className="mb-2 text-lg font-semibold">
          {t.sources.mine}
        </h2>
        {mine.isPending && <Loading />}
        {mine.error && <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />}
        {mine.data?.length === 0 && <EmptyState title={t.sources.none} />}
        <ul className="divide-y divide-slate-200">
          {mine.data?.map((source) => (
            <SourceRow
              key={source.id}
              source={source}
              onEdit={() => {
                setSaved(false);
                setEditing(source);
              }}
            />
          ))}
        </ul>
      </Card>
    </div>
  );
}
