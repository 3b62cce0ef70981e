// The web app in a real browser (Debian's Chromium through playwright-core) against the real app:
// Temporal dev server, workers, DuckDB, the pipeline over the demo feeds plus one feed full of XSS
// payloads served on 127.0.0.1, and the built web app served by the app's own HTTP server.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFxTable } from '../../activities/normalize/fx.js';
import { listen } from '../../api/http-server.js';
import { startApp, type App } from '../../cli/app.js';
import { PROJECT_ROOT } from '../../cli/config.js';
import { createLogger } from '../../cli/logger.js';
import { runPipeline } from '../../cli/run-pipeline.js';
import { apiClient } from '../../cli/test-support/api-client.js';
import { launchBrowser } from '../../cli/test-support/chromium.js';
import { testConfig } from '../../cli/test-support/test-config.js';
import { CORPUS_DIR, fileName } from '../../fixtures/resumes/layouts.js';
import { PEOPLE } from '../../fixtures/resumes/people.js';
import { enqueueEmail } from '../../warehouse/accounts.js';
import { upsertSource } from '../../warehouse/core.js';
import { getJob, listJobs } from '../../warehouse/job-queries.js';

const SHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');
const XSS_FEED = readFileSync(join(PROJECT_ROOT, 'web/e2e/fixtures/xss-remotive.json'));
const RSS_FEED = readFileSync(join(PROJECT_ROOT, 'fixtures/demo-sources/weworkremotely.rss'));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'uma senha longa o bastante';

let app: App;
let feed: Server;
let feedUrl: string;
let browser: Browser;

beforeAll(async () => {
  feed = createServer((req, res) => {
    if (req.url === '/xss.json') res.writeHead(200, { 'content-type': 'application/json' }).end(XSS_FEED);
    else if (req.url === '/feed.rss') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS_FEED);
    else res.writeHead(404).end();
  });
  const feedHost = `127.0.0.1:${await listen(feed, 0, '127.0.0.1')}`;
  feedUrl = `http://${feedHost}`;
  // Users' own sources may reach this test's feed server only because the operator allows it, as in production.
  process.env.SOURCE_ALLOWLIST = feedHost;
  const config = await testConfig({ SOURCE_ALLOWLIST: feedHost });
  app = await startApp(config, createLogger({ level: 'info', file: config.logFile, consoleLevel: 'error' }));
  await app.warehouse.withConnection((conn) =>
    upsertSource(conn, {
      id: 'xss-feed',
      name: 'XSS <b onmouseover="window.__xss=99">feed</b>',
      kind: 'json_api',
      adapter: 'remotive',
      url: `${feedUrl}/xss.json`,
      enabled: true,
      timeoutMs: 5_000,
      maxBytes: 1024 * 1024,
      maxPages: 1,
      pageDelayMs: 0,
    }),
  );
  await runPipelineOnce();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise((resolve) => feed?.close(resolve));
  if (app) rmSync(app.config.dataDir, { recursive: true, force: true });
});

/** Console errors, uncaught exceptions and dialogs of a page: the app's pages must have none. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

/** Every form control has a label, nothing is wider than the screen, and nothing went wrong. */
async function checkPage(page: Page, problems: string[]): Promise<void> {
  const unlabelled = await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map((el) => el.outerHTML)`);
  expect(unlabelled).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
  expect(problems).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A pipeline run, bounded: a run that hangs fails the test with a reason instead of a time-out. */
async function runPipelineOnce(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const problems = readFileSync(app.config.logFile, 'utf8').split('\n').filter((line) => /"level":(40|50)/.test(line));
      reject(new Error(`the pipeline run did not finish within 120 s; the app log's last warnings:\n${problems.slice(-5).join('\n')}`));
    }, 120_000);
  });
  try {
    await Promise.race([runPipeline(app.client, { trigger: 'manual' }), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function userId(email: string): Promise<string> {
  const [row] = await app.warehouse.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

async function signUp(context: BrowserContext, email: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${app.httpUrl}/signup`);
  await page.getByLabel('Seu nome').fill('Joana Lima');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await heading(page, /Boas-vindas/);
  return { page, problems };
}

describe('the web app in Chromium', () => {
  it('signs a job seeker up, explains their matches, shows every source of a job, saves it, speaks three languages and logs out', async () => {
    const email = 'joana@example.com';
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const page = await context.newPage();
    const problems = watch(page);

    // Signed out, / is the public job list: one card per job, each with every source that lists it.
    await page.goto(app.httpUrl);
    await heading(page, 'Todas as vagas');
    expect(new URL(page.url()).pathname).toBe('/jobs');
    // The page shows what the public search API answers: the newest jobs open to Latin America.
    const firstPage = (await apiClient(app.httpUrl).client.jobs.search.query({ limit: 20 })).items;
    const cards = page.locator('main ol > li > article');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(firstPage.length);
    for (const [i, job] of firstPage.entries()) {
      await expect.poll(() => cards.nth(i).getByRole('heading').textContent(), { timeout: 15_000 }).toBe(job.title);
      expect(await cards.nth(i).getByRole('list', { name: /Publicada em/ }).getByRole('listitem').count()).toBe(job.members.length);
    }
    expect(firstPage.some((job) => job.members.length > 1)).toBe(true);
    await checkPage(page, problems);
    await shot(page, 'jobs-desktop');

    // Keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Pular para o conteúdo');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');

    // Sign-up leads to onboarding: the profile and preferences.
    await page.getByRole('navigation').getByRole('link', { name: 'Criar conta' }).click();
    await heading(page, 'Criar conta');
    await checkPage(page, problems);
    await shot(page, 'signup-desktop');
    await page.getByLabel('Seu nome').fill('Joana Lima');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Criar conta' }).click();
    await heading(page, /Boas-vindas/);
    const skillInput = page.getByLabel('Adicionar habilidade');
    for (const skill of ['python', 'sql', 'Machine Learning', 'airflow']) {
      await skillInput.fill(skill);
      await skillInput.press('Enter');
    }
    await page.getByRole('button', { name: 'Remover airflow' }).click();
    await page.getByLabel('País onde você mora').selectOption('BR');
    await page.getByLabel('Seu fuso horário').selectOption('America/Sao_Paulo');
    await page.getByLabel('Anos de experiência').fill('4');
    await page.getByLabel('Senioridade').selectOption('mid');
    // The floor as a Brazilian states it: a CLT salary in reais; the matcher compares it in dollars, PJ-equivalent.
    await page.getByLabel('Salário mínimo aceito por mês').fill('15000');
    expect(await page.getByLabel('Moeda').inputValue()).toBe('BRL');
    await page.getByLabel('Esse valor é').selectOption('clt');
    await page.getByLabel('Cargos que você busca').fill('cientista de dados, engenheira de ML');
    await page.getByRole('button', { name: 'Salvar perfil' }).click();
    await page.getByRole('status').filter({ hasText: 'Perfil salvo' }).waitFor();
    await checkPage(page, problems);
    await shot(page, 'profile-desktop');
    const id = await userId(email);
    const [profile] = await app.warehouse.query<{ skills: string[]; years_experience: number; country: string; timezone: string; salary_floor_usd_month: number }>(
      `SELECT skills, years_experience, country, timezone, salary_floor_usd_month, salary_floor_amount, salary_floor_currency, salary_floor_contract, target_roles
       FROM profiles WHERE user_id = $1`,
      [id],
    );
    expect(profile).toMatchObject({
      skills: ['machine-learning', 'python', 'sql'],
      years_experience: 4,
      country: 'BR',
      timezone: 'America/Sao_Paulo',
      salary_floor_amount: 15000,
      salary_floor_currency: 'BRL',
      salary_floor_contract: 'clt',
      target_roles: ['cientista de dados', 'engenheira de ML'],
    });
    const fx = defaultFxTable();
    expect(profile?.salary_floor_usd_month).toBeCloseTo((((15000 / fx.rates.BRL) * fx.rates.USD) * (13 + 1 / 3) * 1.08) / 12, 6);

    // The dashboard waits for the next pipeline run to score the new profile; the run's live events
    // (GET /events) bring the matches onto the open page, best first, explained, without a reload.
    await page.getByRole('link', { name: 'Ir para o painel' }).click();
    await heading(page, 'Suas melhores vagas');
    await page.getByRole('heading', { name: 'Calculando suas vagas' }).waitFor();
    await runPipelineOnce();
    const scores = await app.warehouse.query<{ score: number }>('SELECT score FROM matches WHERE user_id = $1 ORDER BY score DESC', [id]);
    const matchCards = page.locator('main ol > li > article');
    await expect.poll(() => matchCards.count(), { timeout: 30_000 }).toBe(scores.length);
    const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 0 });
    const best = matchCards.first();
    expect(await best.getByRole('img', { name: /^Compatibilidade de/ }).getAttribute('aria-label')).toContain(`Compatibilidade de ${percent.format(scores[0]?.score ?? -1)}`);
    for (const component of ['Habilidades', 'Experiência', 'Local e fuso', 'Salário']) await best.getByText(component, { exact: true }).waitFor();
    expect(await page.locator('main').getByText('Você tem:').count()).toBeGreaterThan(0);
    await checkPage(page, problems);
    await shot(page, 'dashboard-desktop');

    // Dismissing a job takes it off the dashboard.
    const dismissedTitle = (await matchCards.nth(1).getByRole('heading').textContent()) ?? '';
    await page.getByRole('button', { name: `Descartar: ${dismissedTitle}` }).click();
    await expect.poll(() => matchCards.count(), { timeout: 15_000 }).toBe(scores.length - 1);

    // A job posted on two boards: its page lists both, each with its own apply link.
    const merged = matchCards.filter({ has: page.getByRole('list', { name: 'Publicada em 2 sites' }) }).first();
    const title = (await merged.getByRole('heading').textContent()) ?? '';
    await merged.getByRole('link', { name: title }).click();
    await heading(page, title);
    const clusterId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const job = await app.warehouse.withConnection((conn) => getJob(conn, clusterId));
    expect(job?.members).toHaveLength(2);
    const applyLinks = page.getByRole('link', { name: /^Candidatar-se em/ });
    expect(await applyLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(job?.members.map((m) => new URL(m.applyUrl ?? '').href));
    for (const member of job?.members ?? []) await page.getByRole('link', { name: `Candidatar-se em ${member.sourceName}` }).waitFor();
    await page.getByRole('heading', { name: 'Por que combina' }).waitFor();
    await page.getByRole('img', { name: /^Compatibilidade de/ }).waitFor();
    await page.getByRole('heading', { name: 'Suas habilidades para esta vaga' }).waitFor();
    await checkPage(page, problems);
    await shot(page, 'job-detail-desktop');

    // Save it; it is on the saved page and in the warehouse.
    await page.getByRole('button', { name: `Salvar: ${title}` }).click();
    await page.getByRole('button', { name: `Remover dos salvos: ${title}`, pressed: true }).waitFor();
    expect(await app.warehouse.query('SELECT saved, dismissed FROM feedback WHERE user_id = $1 AND cluster_id = $2', [id, clusterId])).toEqual([{ saved: true, dismissed: false }]);
    await page.getByRole('navigation').getByRole('link', { name: 'Salvas' }).click();
    await heading(page, 'Vagas salvas');
    await page.locator('main article').getByRole('link', { name: title }).waitFor();
    expect(await page.locator('main article').count()).toBe(1);
    await checkPage(page, problems);
    await shot(page, 'saved-desktop');

    // Spanish and English, chosen in the settings, translate the whole interface.
    await page.getByRole('navigation').getByRole('link', { name: 'Configurações' }).click();
    await heading(page, 'Configurações');
    await checkPage(page, problems);
    await shot(page, 'settings-desktop');
    await page.getByRole('main').getByRole('combobox', { name: 'Idioma' }).selectOption('es');
    await heading(page, 'Configuración');
    expect(await page.evaluate('document.documentElement.lang')).toBe('es');
    for (const link of ['Panel', 'Empleos', 'Guardados', 'Perfil', 'Configuración']) await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Panel' }).click();
    await heading(page, 'Tus mejores empleos');
    await page.locator('main').getByText('Habilidades', { exact: true }).first().waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Configuración' }).click();
    await page.getByRole('main').getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await heading(page, 'Settings');
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    // The account follows, so e-mails go out in the language chosen here.
    await expect.poll(async () => (await app.warehouse.query<{ locale: string }>('SELECT locale FROM users WHERE id = $1', [id]))[0]?.locale, { timeout: 10_000 }).toBe('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await heading(page, 'Your best matches');
    await page.locator('main').getByText('Location and time zone', { exact: true }).first().waitFor();
    await checkPage(page, problems);
    await shot(page, 'dashboard-en-desktop');
    await page.getByRole('contentinfo').getByRole('combobox', { name: 'Language' }).selectOption('pt-BR');
    await heading(page, 'Suas melhores vagas');

    // Log out: the session is gone on the server and the user's pages ask to log in again.
    await page.getByRole('button', { name: 'Sair' }).click();
    await heading(page, 'Entrar');
    expect(await app.warehouse.query('SELECT count(*)::INT AS n FROM sessions WHERE user_id = $1', [id])).toEqual([{ n: 0 }]);
    await page.goto(`${app.httpUrl}/saved`);
    await heading(page, 'Entrar');
    expect(new URL(page.url()).search).toBe(`?next=${encodeURIComponent('/saved')}`);
    await checkPage(page, problems);
    await shot(page, 'login-desktop');

    // Logging in again returns to where the user was going.
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Senha').fill('not the password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou senha incorretos.' }).waitFor();
    problems.splice(0); // the refused log-in's 401 shows in the console as a failed request, as it should
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await heading(page, 'Vagas salvas');
    await checkPage(page, problems);

    // The roles from the profile are one click from a search for them.
    await page.getByRole('navigation').getByRole('link', { name: 'Vagas', exact: true }).click();
    await heading(page, 'Todas as vagas');
    await page.getByRole('navigation', { name: 'Seus cargos' }).getByRole('link', { name: 'cientista de dados' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('cientista de dados');
    expect(await page.getByLabel('Cargo ou empresa').inputValue()).toBe('cientista de dados');

    // The same pages on a phone: nothing wider than the screen, the navigation behind a menu button.
    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'pt-BR', storageState: await context.storageState() });
    const mobile = await phone.newPage();
    const mobileProblems = watch(mobile);
    for (const [path, name, file] of [
      ['/', 'Suas melhores vagas', 'dashboard'],
      ['/jobs', 'Todas as vagas', 'jobs'],
      [`/jobs/${clusterId}`, title, 'job-detail'],
      ['/saved', 'Vagas salvas', 'saved'],
      ['/profile', 'Seu perfil', 'profile'],
      ['/settings', 'Configurações', 'settings'],
    ] as const) {
      await mobile.goto(`${app.httpUrl}${path}`);
      await heading(mobile, name);
      await mobile.locator('main').getByText(/Carregando/).waitFor({ state: 'detached' });
      await checkPage(mobile, mobileProblems);
      await shot(mobile, `${file}-phone`);
    }
    const savedLink = mobile.getByRole('navigation').getByRole('link', { name: 'Salvas' });
    expect(await savedLink.isVisible()).toBe(false);
    await mobile.getByRole('button', { name: 'Menu' }).click();
    expect(await mobile.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('true');
    await savedLink.click();
    await heading(mobile, 'Vagas salvas');
    expect(await savedLink.isVisible()).toBe(false);
    await checkPage(mobile, mobileProblems);
    await phone.close();
    await context.close();
  }, 300_000);

  it('shows operators their runs, source health and tools, and nobody else', async () => {
    const email = 'operadora@example.com';
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const { page, problems } = await signUp(context, email);
    await page.goto(`${app.httpUrl}/operator`);
    await page.getByRole('heading', { name: 'Esta página é só para operadores.' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Operação' }).count()).toBe(0);

    // Made an operator behind the API's back: its cached session must hear of it.
    await app.warehouse.query(`UPDATE users SET role = 'admin' WHERE email = $1`, [email]);
    app.readModel.userChanged(await userId(email));
    await page.reload();
    await heading(page, 'Operação');
    const runs = await app.warehouse.query<{ n: number }>('SELECT count(DISTINCT run_id)::INT AS n FROM pipeline_runs');
    const runsTable = page.getByRole('table').first();
    await expect.poll(() => runsTable.locator('tbody tr').count(), { timeout: 15_000 }).toBe(runs[0]?.n);
    await runsTable.getByText('coleta: ok', { exact: false }).first().waitFor();
    // Each run links to its page in the Temporal Web UI of this app's dev server.
    expect(await runsTable.getByRole('link', { name: 'ver no Temporal' }).first().getAttribute('href')).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${app.config.temporalUiPort}/namespaces/default/workflows/`),
    );
    await page.locator('figure .recharts-surface').first().waitFor();
    const sourcesTable = page.getByRole('table').nth(1);
    for (const source of ['demo-remotive', 'demo-wwr', 'xss-feed']) await sourcesTable.getByText(source, { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /Temporal Web UI/ }).getAttribute('href')).toBe(`http://127.0.0.1:${app.config.temporalUiPort}`);
    expect(await page.getByRole('link', { name: 'Relatórios de mercado' }).getAttribute('href')).toBe('/reports/');
    const models = page.getByRole('table').nth(2);
    await models.getByRole('cell', { name: 'v1', exact: true }).waitFor();
    await models.getByText('ativa', { exact: true }).waitFor();
    // A run started from the page shows in the list once its stages finish (the live events refresh it).
    await page.getByRole('button', { name: 'Executar o pipeline agora' }).click();
    await page.getByRole('status').filter({ hasText: 'Execução iniciada' }).waitFor();
    await expect.poll(() => runsTable.locator('tbody tr').filter({ hasText: 'publicação: ok' }).count(), { timeout: 120_000 }).toBe((runs[0]?.n ?? 0) + 1);

    // The outbox lists what was queued; a digest is previewed as it would be sent, in a sandboxed frame.
    const [operator] = await app.warehouse.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
    await app.warehouse.withConnection((conn) =>
      enqueueEmail(conn, { id: 'e2e-digest', idempotencyKey: 'weekly_digest:e2e', userId: operator?.id ?? null, kind: 'weekly_digest', to: email, subject: 'Seu resumo da semana', text: 'texto', html: null }),
    );
    await page.reload();
    const emails = page.getByRole('region', { name: 'E-mails (caixa de saída)' });
    await emails.getByRole('cell', { name: 'Seu resumo da semana' }).waitFor();
    await emails.getByText('na fila', { exact: true }).waitFor();
    await emails.getByRole('button', { name: 'Ver o resumo desta semana' }).click();
    const preview = emails.getByRole('region', { name: `Resumo desta semana para ${email}, como seria enviado` });
    await preview.frameLocator('iframe').getByText('Olá, Joana Lima', { exact: false }).first().waitFor();
    expect(await preview.locator('iframe').getAttribute('sandbox')).toBe('');
    await checkPage(page, problems);
    await shot(page, 'operator-desktop');

    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'pt-BR', storageState: await context.storageState() });
    const mobile = await phone.newPage();
    const mobileProblems = watch(mobile);
    await mobile.goto(`${app.httpUrl}/operator`);
    await heading(mobile, 'Operação');
    await mobile.locator('figure .recharts-surface').first().waitFor();
    await checkPage(mobile, mobileProblems);
    await shot(mobile, 'operator-phone');
    await phone.close();
    await context.close();
  }, 180_000);
});

describe('a job seeker\'s own data in Chromium', () => {
  it('imports a dropped résumé, tracks an application through its stages, analyses skill gaps and adds a source of its own', async () => {
    const email = 'mariana@example.com';
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'pt-BR' });
    const { page, problems } = await signUp(context, email);
    const id = await userId(email);

    // Onboarding: the résumé dropped on the drop zone is parsed, reviewed and accepted as the profile.
    const person = PEOPLE.find((p) => p.id === 'mariana-albuquerque');
    if (!person) throw new Error('no fixture person mariana-albuquerque');
    const pdf = readFileSync(join(CORPUS_DIR, fileName(person, 'one-column'))).toString('base64');
    const dropped = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob('${pdf}'), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'curriculo.pdf', { type: 'application/pdf' }));
      return transfer;
    })()`);
    await page.getByText('Arraste o arquivo para cá ou').dispatchEvent('drop', { dataTransfer: dropped });
    await page.getByRole('heading', { name: 'Revise o que encontramos' }).waitFor({ timeout: 90_000 });
    await page.getByText('Mariana Conceição Albuquerque').waitFor();
    await page.getByText(/Cientista de Dados Sênior/).first().waitFor();
    await page.getByRole('list', { name: 'Habilidades' }).getByRole('button', { name: 'Remover python' }).waitFor();
    expect(await page.getByLabel('Senioridade').inputValue()).toBe('senior');
    await checkPage(page, problems);
    await shot(page, 'resume-review-desktop');
    await page.getByLabel('Salário mínimo aceito por mês').fill('4000');
    await page.getByLabel('Moeda').selectOption('USD');
    await page.getByRole('button', { name: 'Aceitar e salvar o perfil' }).click();
    await page.getByRole('status').filter({ hasText: 'Perfil atualizado a partir do currículo.' }).waitFor();
    const [profile] = await app.warehouse.query<{ skills: string[]; salary_floor_usd_month: number; seniority: string }>(
      'SELECT skills, salary_floor_usd_month, seniority FROM profiles WHERE user_id = $1',
      [id],
    );
    expect(profile).toMatchObject({ salary_floor_usd_month: 4000, seniority: 'senior' });
    expect(profile?.skills).toContain('python');
    expect(await app.warehouse.query('SELECT status FROM resumes WHERE user_id = $1', [id])).toEqual([{ status: 'accepted' }]);
    // Accepting rescored the profile through the résumé workflow: the dashboard has matches.
    await expect.poll(async () => (await app.warehouse.query<{ n: number }>('SELECT count(*)::INT AS n FROM matches WHERE user_id = $1', [id]))[0]?.n, { timeout: 90_000 }).toBeGreaterThan(0);

    // Applications: track a job from its page, move it along, note and plan the next step.
    const [job] = await app.warehouse.withConnection((conn) => listJobs(conn, { limit: 1, offset: 0 }));
    if (!job) throw new Error('no jobs');
    await page.goto(`${app.httpUrl}/jobs/${job.clusterId}`);
    await page.getByRole('button', { name: 'Acompanhar candidatura' }).click();
    await page.waitForURL(/\/applications\/app_[0-9a-f]{24}$/);
    await heading(page, job.title);
    await page.getByRole('button', { name: 'Mover para “Candidatura enviada”' }).click();
    await page.getByRole('button', { name: 'Mover para “Triagem”' }).waitFor();
    await page.getByLabel('Nova anotação').fill('Conversei com a recrutadora pelo LinkedIn.');
    await page.getByRole('button', { name: 'Salvar anotação' }).click();
    await page.getByText('Conversei com a recrutadora pelo LinkedIn.').waitFor();
    await page.getByLabel('O que fazer').fill('Mandar portfólio');
    await page.getByLabel('Até quando (opcional)').fill('2026-12-01');
    await page.getByRole('button', { name: 'Salvar próximo passo' }).click();
    await page.getByText(/^Mandar portfólio/).first().waitFor();
    const timeline = page.locator('main section').filter({ has: page.getByRole('heading', { name: 'Histórico' }) }).getByRole('listitem');
    expect(await timeline.count()).toBe(4);
    await page.getByRole('heading', { name: 'Preparação para a entrevista' }).waitFor();
    await checkPage(page, problems);
    await shot(page, 'application-desktop');
    expect(await app.warehouse.query('SELECT status, next_action FROM applications WHERE user_id = $1', [id])).toEqual([{ status: 'applied', next_action: 'Mandar portfólio' }]);

    await page.getByRole('navigation').getByRole('link', { name: 'Candidaturas' }).click();
    await heading(page, 'Candidaturas');
    const applied = page.getByRole('region', { name: 'Candidatura enviada (1)' });
    await applied.getByRole('link', { name: job.title }).waitFor();
    await applied.getByText('Mandar portfólio (até 1 de dez. de 2026)').waitFor();
    await page.locator('figure .recharts-surface').first().waitFor();
    await checkPage(page, problems);
    await shot(page, 'applications-desktop');

    // Skills: an analysis against the best matches, a skill marked as being learned.
    await page.getByRole('navigation').getByRole('link', { name: 'Habilidades' }).click();
    await heading(page, 'Suas habilidades');
    await page.getByRole('button', { name: 'Analisar' }).click();
    await page.getByRole('heading', { name: 'O que falta, por importância' }).waitFor({ timeout: 60_000 });
    const firstGap = page.locator('main ol > li').first();
    const gapName = (await firstGap.getByRole('heading').textContent()) ?? '';
    await page.getByRole('button', { name: `Estou aprendendo: ${gapName}` }).click();
    await page.getByRole('button', { name: `Estou aprendendo: ${gapName}`, pressed: true }).waitFor();
    expect(await app.warehouse.query<{ status: string }>('SELECT status FROM user_skill_progress WHERE user_id = $1', [id])).toEqual([{ status: 'learning' }]);
    await page.getByRole('heading', { name: 'Trilha de aprendizado' }).waitFor();
    await checkPage(page, problems);
    await shot(page, 'skills-desktop');

    // Sources: an RSS feed of the user's own, tested (its first page read, nothing stored) and saved.
    await page.getByRole('navigation').getByRole('link', { name: 'Fontes' }).click();
    await heading(page, 'Suas fontes de vagas');
    await page.getByRole('button', { name: 'Adicionar fonte' }).click();
    await page.getByLabel('Nome da fonte').fill('Meu feed de vagas');
    await page.getByLabel('Endereço do feed').fill(`${feedUrl}/feed.rss`);
    await page.getByLabel('Manter só com estas palavras').fill('data, dados');
    await page.getByRole('button', { name: 'Testar' }).click();
    await page.getByRole('status').filter({ hasText: /vagas lidas na primeira página/ }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: /vagas lidas/ }).getByRole('listitem').count()).toBeGreaterThan(0);
    await checkPage(page, problems);
    await shot(page, 'sources-desktop');
    await page.getByRole('button', { name: 'Salvar fonte' }).click();
    await page.getByRole('status').filter({ hasText: 'Fonte salva' }).waitFor();
    await page.getByRole('heading', { name: 'Meu feed de vagas' }).waitFor();
    const [source] = await app.warehouse.query<{ owner_user_id: string; enabled: boolean; url: string }>(
      `SELECT owner_user_id, enabled, url FROM sources WHERE name = 'Meu feed de vagas'`,
    );
    expect(source).toEqual({ owner_user_id: id, enabled: true, url: `${feedUrl}/feed.rss` });
    await page.getByRole('button', { name: 'Pausar' }).click();
    await page.getByText('pausada', { exact: true }).waitFor();

    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'pt-BR', storageState: await context.storageState() });
    const mobile = await phone.newPage();
    const mobileProblems = watch(mobile);
    for (const [path, name, file] of [
      ['/applications', 'Candidaturas', 'applications'],
      ['/skills', 'Suas habilidades', 'skills'],
      ['/sources', 'Suas fontes de vagas', 'sources'],
    ] as const) {
      await mobile.goto(`${app.httpUrl}${path}`);
      await heading(mobile, name);
      await mobile.locator('main').getByText(/Carregando/).waitFor({ state: 'detached' });
      await checkPage(mobile, mobileProblems);
      await shot(mobile, `${file}-phone`);
    }
    await phone.close();
    await context.close();
  }, 300_000);
});

describe('job text from the internet in Chromium', () => {
  it('shows a posting full of XSS payloads as readable text and runs none of them', async () => {
    const [xss] = await app.warehouse.query<{ cluster_id: string; title: string; company: string }>(
      `SELECT m.cluster_id, p.title, p.company FROM cluster_members m JOIN postings p ON p.id = m.posting_id WHERE p.source_id = 'xss-feed'`,
    );
    if (!xss) throw new Error('the XSS feed was not ingested');
    // The payloads reach the browser as they are: what keeps them inert is the web app.
    expect(xss.title).toContain('<script>alert(15)</script>');
    expect(xss.company).toContain('<svg onload=alert(16)>');
    const job = await app.warehouse.withConnection((conn) => getJob(conn, xss.cluster_id));
    expect(job?.description).toContain("<script>window.__xss=1;alert('script')</script>");
    expect(job?.members[0]?.applyUrl).toMatch(/^javascript:/);

    // First without the Content-Security-Policy, so a payload that got into the page would run;
    // then with it, where even a blocked attempt would show as a console error.
    for (const bypassCSP of [true, false]) {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'pt-BR', bypassCSP });
      const page = await context.newPage();
      const problems = watch(page);
      for (const path of [`/jobs?q=${encodeURIComponent('Injeção')}`, `/jobs/${xss.cluster_id}`]) {
        await page.goto(`${app.httpUrl}${path}`);
        await page.locator('main').getByText(xss.title, { exact: true }).first().waitFor();
        await page.locator('main').getByText(/Carregando/).waitFor({ state: 'detached' });
        // Pointer over everything and a click on the would-be link: event-handler payloads get their chance.
        for (const target of await page.locator('main p, main li, main h1, main h3, main a').all()) await target.hover({ force: true });
        if (path.startsWith('/jobs/job_')) await page.locator('main').getByText('click me').click();
        await page.waitForTimeout(300);

        expect(await page.evaluate('window.__xss')).toBeUndefined();
        expect(await page.locator('main').locator('script, img, iframe, svg, object, embed, b').count()).toBe(0);
        expect(await page.evaluate(`[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((name) => name.startsWith('on'))`)).toEqual([]);
        expect(await page.evaluate(`[...document.querySelectorAll('[href],[src],[srcdoc]')].filter((el) => /^\\s*javascript:/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? '') || el.hasAttribute('srcdoc')).length`)).toBe(0);
        // Still readable: the text, tags and all, is on the page.
        await page.locator('main').getByText(xss.company, { exact: false }).first().waitFor();
        expect(problems).toEqual([]);
      }
      const description = page.locator('main section').filter({ has: page.getByRole('heading', { name: 'Descrição' }) });
      for (const text of ["<script>window.__xss=1;alert('script')</script>", '<iframe srcdoc=', 'javascript:alert(6)', 'Python and SQL']) {
        expect(await description.textContent()).toContain(text);
      }
      // The one http(s) address in the text is a link that opens apart from the app; the javascript: apply URL is no link.
      const links = await description.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]));
      expect(links).toEqual([['https://example.com/apply?ref=xss&x=', 'noopener noreferrer nofollow ugc', '_blank']]);
      await page.getByText('sem link de candidatura').waitFor();
      await page.getByText('XSS <b onmouseover="window.__xss=99">feed</b>', { exact: true }).first().waitFor();
      if (!bypassCSP) await shot(page, 'xss-job-desktop');
      await context.close();
    }
  }, 120_000);
});
