import { createSign, generateKeyPairSync } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../api/http-server.js';
import { loadConfig } from '../../cli/config.js';
import { EMAIL_POPULATION, seedEmailPopulation } from '../../cli/test-support/email-population.js';
import { startFakeSendGrid, type FakeSendGrid } from '../../cli/test-support/fake-sendgrid.js';
import { useFixtureWarehouse } from '../../cli/test-support/fixture-warehouse.js';
import { insertApplication, setNextAction } from '../../warehouse/applications.js';
import { activeModelVersion } from '../../warehouse/ml.js';
import { setSkillProgress } from '../../warehouse/skill-gaps.js';
import { getEmailPreferences, isSuppressed, outboxMessage, startAttempt } from '../../warehouse/notifications.js';
import { composeMatchAlerts, composeWeeklyDigest, digestPeriod, periodEndFor } from './compose.js';
import { deliverEmail } from './deliver.js';
import { notifyDeps, type NotifyDeps } from './notify-activities.js';
import { signingKey, unsubscribeToken, verifyUnsubscribeToken } from './signed-link.js';
import { TransportError, sendgridTransport } from './transport.js';

const API_KEY = 'SG.test-key-not-secret';
const XSS_TITLE = '<img src=x onerror=alert(1)>Engenheiro de Dados "Sênior"';
const fixture = useFixtureWarehouse();
let sendgrid: FakeSendGrid;
let deps: NotifyDeps;
let periodEnd: string;

beforeAll(async () => {
  sendgrid = await startFakeSendGrid(API_KEY);
  const { warehouse, dir } = fixture;
  const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://vagas.example' });
  deps = { ...notifyDeps(config, warehouse, {}), transport: sendgridTransport({ apiKey: API_KEY, baseUrl: sendgrid.url }) };
  await warehouse.withConnection(async (conn) => {
    await seedEmailPopulation(conn);
    const model = await activeModelVersion(conn, 'matcher');
    // Matches as the score stage writes them (the matcher itself is tested elsewhere): the three
    // newest jobs for every user; the digest goes out the day after the newest was first seen.
    const clusters = await warehouse.query<{ id: string; seen: string }>('SELECT id, first_seen_at::VARCHAR AS seen FROM job_clusters ORDER BY first_seen_at DESC LIMIT 3');
    periodEnd = periodEndFor(new Date(Date.parse(clusters[0]?.seen ?? '') + 86_400_000));
    for (const user of EMAIL_POPULATION) {
      for (const [i, cluster] of clusters.entries()) {
        await conn.run(
          `INSERT INTO matches VALUES ($1, $2, $3, $4, '{"skills":0.35,"experience":0.2,"location":0.15,"salary":0.1}', now())`,
          [user.id, cluster.id, model.version, 0.9 - i * 0.1],
        );
      }
    }
    await conn.run('UPDATE job_clusters SET title = $1 WHERE id = $2', [XSS_TITLE, clusters[0]?.id ?? '']);
  });
});

afterAll(async () => {
  await sendgrid?.close();
});

beforeEach(() => {
  sendgrid.received.length = 0;
  sendgrid.answers.length = 0;
});

describe('weekly digest', () => {
  it('speaks each user’s language, lists their new matches with why, and escapes job fields from the internet', async () => {
    const subjects: Record<string, string> = {};
    for (const user of EMAIL_POPULATION) {
      const id = await composeWeeklyDigest(deps, user.id, periodEnd);
      const message = await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id ?? ''));
      expect(message?.to).toBe(user.email);
      subjects[user.locale] = message?.subject ?? '';
      expect(message?.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(message?.html).not.toContain('<img src=x');
      expect(message?.text).toContain(XSS_TITLE);
      expect(message?.text).toContain('https://vagas.example/jobs/job_');
      expect(message?.text).toContain('https://vagas.example/unsubscribe?token=');
      expect(message?.html).toContain('<caption');
    }
    expect(subjects).toEqual({ 'pt-BR': 'Sua semana: 3 vagas novas para você', es: 'Tu semana: 3 vacantes nuevas para ti', en: 'Your week: 3 new jobs for you' });
    const pt = await fixture.warehouse.withConnection((conn) => composeWeeklyDigest(deps, 'u-pt', periodEnd).then((id) => outboxMessage(conn, id ?? '')));
    expect(pt?.text).toContain('Por quê: habilidades 35%, experiência 20%, local e fuso 15%, salário 10%');
    expect(pt?.text).toContain('Python');
  });

  it('reports skill-learning progress and the applications due for a follow-up', async () => {
    const { since, until } = digestPeriod('2021-02-01');
    const day = (offset: number) => new Date(Date.parse(until) + offset * 86_400_000).toISOString();
    await fixture.warehouse.transaction(async (conn) => {
      await setSkillProgress(conn, 'u-es', 'spark', 'learning');
      await setSkillProgress(conn, 'u-es', 'dbt', 'learned');
      await conn.run("UPDATE user_skill_progress SET learned_at = $1::TIMESTAMPTZ WHERE user_id = 'u-es' AND skill_id = 'dbt'", [day(-2)]);
      const [job, other, later] = await fixture.warehouse.query<{ id: string }>('SELECT id FROM job_clusters ORDER BY id LIMIT 3');
      // Applied 10 days before the digest: past the 7-day default wait, so a follow-up is due.
      await insertApplication(conn, { userId: 'u-es', clusterId: job?.id ?? '', status: 'applied', source: 'company_site', matchScore: 0.8, at: day(-10), note: null });
      // Applied yesterday, but with the user's own next action due in three days.
      const planned = await insertApplication(conn, { userId: 'u-es', clusterId: other?.id ?? '', status: 'applied', source: 'referral', matchScore: 0.7, at: day(-1), note: null });
      await setNextAction(conn, { userId: 'u-es', id: planned ?? '', action: 'Enviar portfólio', due: day(3).slice(0, 10) });
      // Only saved: nothing to follow up.
      await insertApplication(conn, { userId: 'u-es', clusterId: later?.id ?? '', status: 'saved', source: 'referral', matchScore: 0.6, at: day(-1), note: null });
    });
    expect(since < until).toBe(true);
    const id = await composeWeeklyDigest(deps, 'u-es', '2021-02-01');
    const text = (await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id ?? '')))?.text ?? '';
    expect(text).toContain('Tu plan de estudio — Aprendiendo:\n- Apache Spark');
    expect(text).toContain('Tu plan de estudio — Aprendidas:\n- dbt');
    const followUps = text.split('Postulaciones para dar seguimiento:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(followUps).toHaveLength(2);
    expect(followUps[0]).toMatch(/ \(hasta 29 ene\)$/);
    expect(followUps[1]).toMatch(/: Enviar portfólio \(hasta 4 feb\)$/);
  });

  it('is queued once per user and period, however often it is composed', async () => {
    const first = await composeWeeklyDigest(deps, 'u-en', periodEnd);
    const again = await composeWeeklyDigest(deps, 'u-en', periodEnd);
    expect(again).toBe(first);
    const rows = await fixture.warehouse.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM email_outbox WHERE idempotency_key = 'weekly_digest:u-en:${periodEnd}'`);
    expect(rows[0]?.n).toBe(1);
  });

  it('says there were no new matches when the week had none', async () => {
    const id = await composeWeeklyDigest(deps, 'u-es', '2020-01-06');
    const message = await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id ?? ''));
    expect(message?.subject).toBe('Tu semana en el mercado de datos e IA');
    expect(message?.text).toContain('Ninguna vacante nueva superó tu umbral esta semana.');
  });
});

describe('delivery through SendGrid', () => {
  async function queued(userId: string, period: string): Promise<string> {
    const id = await composeWeeklyDigest(deps, userId, period);
    if (!id) throw new Error('not queued');
    return id;
  }

  it('sends both content types with a one-click unsubscribe header the app can verify', async () => {
    const id = await queued('u-pt', '2021-03-01');
    expect(await deliverEmail(deps, id)).toBe('sent');
    expect(sendgrid.rejected).toEqual([]);
    expect(sendgrid.received).toHaveLength(1);
    const body = sendgrid.received[0];
    expect(body?.personalizations[0]?.to[0]?.email).toBe('joao@example.com');
    expect(body?.content.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(body?.custom_args).toEqual({ outbox_id: id });
    expect(body?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const token = /token=([\w.-]+)/.exec(body?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';
    expect(deps.verifyUnsubscribe(token)).toBe('u-pt');
    expect(await deliverEmail(deps, id)).toBe('already_sent');
    expect(sendgrid.received).toHaveLength(1);
  });

  it('backs off on 429 with the provider’s Retry-After, retries 5xx, and sends once in the end', async () => {
    const id = await queued('u-pt', '2021-03-08');
    sendgrid.answers.push({ status: 429, retryAfterSeconds: 7 }, { status: 500 });
    const first = await deliverEmail(deps, id).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(TransportError);
    expect(first).toMatchObject({ retryable: true, httpStatus: 429, retryAfterMs: 7000 });
    await expect(deliverEmail(deps, id)).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
    expect(await deliverEmail(deps, id)).toBe('sent');
    const attempts = await fixture.warehouse.query<{ outcome: string }>('SELECT outcome FROM email_send_attempts WHERE outbox_id = $1 ORDER BY attempt', [id]);
    expect(attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'sent']);
  });

  it('records an address the provider refuses, and never mails it again', async () => {
    const id = await queued('u-es', '2021-03-15');
    sendgrid.answers.push({ status: 400, invalidAddress: true });
    expect(await deliverEmail(deps, id)).toBe('rejected');
    const message = await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id));
    expect(message?.status).toBe('bounced');
    expect(await composeWeeklyDigest(deps, 'u-es', '2021-03-22')).toBeNull();
    const suppressed = await fixture.warehouse.query('SELECT reason FROM email_suppressions WHERE address = $1', ['lucia@example.com']);
    expect(suppressed).toEqual([{ reason: 'invalid' }]);
    await fixture.warehouse.withConnection((conn) => conn.run('DELETE FROM email_suppressions'));
  });

  it('never sends again a message whose attempt was cut off mid-send', async () => {
    const id = await queued('u-en', '2021-03-29');
    await fixture.warehouse.withConnection((conn) => startAttempt(conn, id, 1));
    expect(await deliverEmail(deps, id)).toBe('interrupted');
    expect(sendgrid.received).toHaveLength(0);
    const message = await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id));
    expect(message).toMatchObject({ status: 'failed', error: 'interrupted mid-send: not sent again, to avoid a duplicate' });
  });

  it('writes to the local outbox folder when no SendGrid key is set', async () => {
    const local = notifyDeps(loadConfig({ DATA_DIR: fixture.dir, PUBLIC_URL: 'https://vagas.example' }), fixture.warehouse, {});
    const id = await queued('u-en', '2021-04-05');
    expect(await deliverEmail(local, id)).toBe('sent');
    const file = readFileSync(join(fixture.dir, 'outbox', `${id}.txt`), 'utf8');
    expect(file).toMatch(/^To: sam@example.com$/m);
    expect(file).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(readdirSync(join(fixture.dir, 'outbox')).some((f) => f.endsWith('.partial'))).toBe(false);
  });
});

describe('new-match alerts', () => {
  it('queues one alert per user per run, only for jobs that run first clustered, above the user’s threshold', async () => {
    const ids = await composeMatchAlerts(deps, 'fixture');
    expect(ids).toHaveLength(EMAIL_POPULATION.length);
    expect(await composeMatchAlerts(deps, 'fixture')).toEqual(ids);
    expect(await composeMatchAlerts(deps, 'a-run-that-clustered-nothing')).toEqual([]);
    const en = await fixture.warehouse.query<{ subject: string }>("SELECT subject FROM email_outbox WHERE idempotency_key = 'match_alert:u-en:fixture'");
    expect(en[0]?.subject).toBe('3 new high matches');
  });
});

describe('unsubscribe links', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse: fixture.warehouse, publicUrl: 'https://vagas.example', notify: deps });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('refuse a token this deployment did not sign', () => {
    const key = signingKey(undefined, join(fixture.dir, 'secrets', 'email-signing.key'));
    const token = unsubscribeToken(key, 'u-pt');
    expect(verifyUnsubscribeToken(key, token)).toBe('u-pt');
    expect(verifyUnsubscribeToken(key, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeNull();
    expect(verifyUnsubscribeToken(Buffer.from('another key, another deployment!!'), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${Buffer.from('u-en').toString('base64url')}.${token.split('.')[1]}`)).toBeNull();
  });

  it('change nothing on GET (mail scanners follow links) and turn every e-mail off on the one-click POST', async () => {
    const link = deps.unsubscribeUrl('u-pt').replace('https://vagas.example', base);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Parar de receber o resumo semanal e os alertas de vagas?');
    expect((await fixture.warehouse.withConnection((conn) => getEmailPreferences(conn, 'u-pt'))).emailDigest).toBe(true);

    const oneClick = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Pronto: você não receberá mais resumos nem alertas.');
    expect(await fixture.warehouse.withConnection((conn) => getEmailPreferences(conn, 'u-pt'))).toMatchObject({ emailDigest: false, matchAlerts: false });
    expect(await composeWeeklyDigest(deps, 'u-pt', '2021-05-03')).toBeNull();

    const forged = await fetch(`${base}/unsubscribe?token=${Buffer.from('u-en').toString('base64url')}.forged`, { method: 'POST' });
    expect(forged.status).toBe(400);
    expect((await fixture.warehouse.withConnection((conn) => getEmailPreferences(conn, 'u-en'))).emailDigest).toBe(true);
  });
});

describe('SendGrid event webhook', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const signed = notifyDeps(loadConfig({ DATA_DIR: fixture.dir, PUBLIC_URL: 'https://vagas.example' }), fixture.warehouse, { SENDGRID_WEBHOOK_PUBLIC_KEY: publicKey });
    server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse: fixture.warehouse, publicUrl: 'https://vagas.example', notify: signed });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  function post(body: string, opts: { timestamp?: string; sign?: boolean } = {}) {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const signature = createSign('sha256').update(timestamp + body).sign(keys.privateKey).toString('base64');
    return fetch(`${base}/webhooks/sendgrid`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-timestamp': timestamp, 'x-twilio-email-event-webhook-signature': opts.sign === false ? 'MEUCIQ==' : signature },
    });
  }

  it('records a signed bounce against the address and the message it names', async () => {
    const id = (await composeWeeklyDigest(deps, 'u-en', '2021-06-07')) ?? '';
    const events = JSON.stringify([
      { email: 'sam@example.com', event: 'bounce', reason: '550 5.1.1 mailbox unavailable', outbox_id: id },
      { email: 'sam@example.com', event: 'delivered', outbox_id: id },
    ]);
    expect((await post(events, { sign: false })).status).toBe(403);
    expect((await post(events, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) })).status).toBe(403);
    expect(await fixture.warehouse.withConnection((conn) => isSuppressed(conn, 'sam@example.com'))).toBe(false);

    expect((await post(events)).status).toBe(204);
    expect(await fixture.warehouse.withConnection((conn) => isSuppressed(conn, 'SAM@example.com'))).toBe(true);
    expect(await fixture.warehouse.withConnection((conn) => outboxMessage(conn, id))).toMatchObject({ status: 'bounced', error: 'bounce: 550 5.1.1 mailbox unavailable' });
    expect((await post('{not json')).status).toBe(400);
    await fixture.warehouse.withConnection((conn) => conn.run('DELETE FROM email_suppressions'));
  });
});
