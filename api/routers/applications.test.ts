import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIN_SALARY_SAMPLE, SKILL_SIMILARITY_MIN } from '../../activities/applications/salary-negotiation.js';
import { runTrend } from '../../activities/trend/run-trend.js';
import { errorCode, profileInput, usePipelineApi } from './pipeline-api-fixture.js';

const api = usePipelineApi();
// The trend stage builds job_facts, the mart salary negotiation reads.
beforeAll(() => api.warehouse.transaction((conn) => runTrend(conn)));
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

type Client = Awaited<ReturnType<typeof api.signedIn>>['client'];
let carla: Client;
let carlaId = '';
const ids: Record<string, string> = {};

/** A job of the fixtures by its canonical posting's title. */
async function jobTitled(title: string): Promise<string> {
  const [row] = await api.warehouse.query<{ id: string }>('SELECT id FROM job_clusters WHERE title = $1 ORDER BY id LIMIT 1', [title]);
  if (!row) throw new Error(`no fixture job titled ${title}`);
  return row.id;
}

describe('application tracking through the API, on a warehouse the pipeline filled from the fixtures', () => {
  it('tracks a job through its statuses with a timestamped history, notes, a next action and contacts', async () => {
    carla = (await api.signedIn('carla@example.com')).client;
    carlaId = await api.userId('carla@example.com');
    await carla.profile.update.mutate(
      profileInput({ yearsExperience: 5, seniority: 'senior', skills: ['python', 'sql', 'machine-learning', 'pandas', 'docker'], languages: ['pt', 'es', 'en'] }),
    );
    await api.score();

    const clusterId = await jobTitled('Especialista em IA Generativa (LLMs)');
    const created = await carla.applications.create.mutate({ clusterId, note: 'seen on the demo board', at: daysAgo(30) });
    ids.offer = created.id;
    const [facts] = await api.warehouse.query<{ source_id: string; score: number }>(
      `SELECT p.source_id, m.score FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
       JOIN matches m ON m.cluster_id = c.id AND m.user_id = $2 WHERE c.id = $1`,
      [clusterId, carlaId],
    );
    expect(created).toMatchObject({ status: 'saved', clusterId, source: facts?.source_id, allowedMoves: ['applied', 'withdrawn'], contacts: [] });
    expect(created.matchScore).toBeCloseTo(Number(facts?.score), 6);
    expect(created.events).toMatchObject([{ kind: 'status', fromStatus: null, toStatus: 'saved', text: 'seen on the demo board' }]);
    expect(await errorCode(() => carla.applications.create.mutate({ clusterId }))).toBe('CONFLICT');
    expect(await errorCode(() => carla.applications.create.mutate({ clusterId: 'job_000000000000000000000000' }))).toBe('NOT_FOUND');
    expect(await errorCode(() => carla.applications.create.mutate({ clusterId, status: 'interview' as 'saved' }))).toBe('BAD_REQUEST');

    // Illegal moves and impossible dates change nothing.
    expect(await errorCode(() => carla.applications.moveStatus.mutate({ id: ids.offer as string, to: 'interview' }))).toBe('BAD_REQUEST');
    expect(await errorCode(() => carla.applications.moveStatus.mutate({ id: ids.offer as string, to: 'applied', at: daysAgo(31) }))).toBe('BAD_REQUEST');
    expect(await errorCode(() => carla.applications.moveStatus.mutate({ id: ids.offer as string, to: 'applied', at: daysAgo(-1) }))).toBe('BAD_REQUEST');

    const id = ids.offer as string;
    for (const [to, ago] of [['applied', 29], ['screening', 25], ['interview', 20], ['offer', 10]] as const) {
      await carla.applications.moveStatus.mutate({ id, to, at: daysAgo(ago) });
    }
    await carla.applications.addNote.mutate({ id, text: 'ask about the PJ rate' });
    await carla.applications.setNextAction.mutate({ id, action: 'Answer the offer', dueOn: daysAgo(-3).slice(0, 10) });
    const withContact = await carla.applications.addContact.mutate({ id, name: 'Rita Lima', role: 'Recruiter', email: 'rita@example.com' });
    const contact = withContact.contacts[0];
    expect(contact).toMatchObject({ name: 'Rita Lima', role: 'Recruiter', email: 'rita@example.com', url: null });
    await carla.applications.addContact.mutate({ id, name: 'Otto Reis' });
    const after = await carla.applications.removeContact.mutate({ id, contactId: String(contact?.id) });
    expect(after.contacts.map((c) => c.name)).toEqual(['Otto Reis']);
    expect(await errorCode(() => carla.applications.removeContact.mutate({ id, contactId: String(contact?.id) }))).toBe('NOT_FOUND');

    const application = await carla.applications.get.query({ id });
    expect(application).toMatchObject({ status: 'offer', nextAction: 'Answer the offer', nextActionDue: daysAgo(-3).slice(0, 10), allowedMoves: ['rejected', 'withdrawn'] });
    const statusEvents = application.events.filter((e) => e.kind === 'status');
    expect(statusEvents.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'saved'],
      ['saved', 'applied'],
      ['applied', 'screening'],
      ['screening', 'interview'],
      ['interview', 'offer'],
    ]);
    expect(statusEvents.map((e) => e.at)).toEqual([...statusEvents.map((e) => e.at)].sort());
    expect(application.events.filter((e) => e.kind !== 'status').map((e) => [e.kind, e.text])).toEqual([
      ['note', 'ask about the PJ rate'],
      ['next_action', `Answer the offer (by ${daysAgo(-3).slice(0, 10)})`],
      ['contact', 'added Rita Lima'],
      ['contact', 'added Otto Reis'],
      ['contact', 'removed Rita Lima'],
    ]);
    const [stored] = await api.warehouse.query<{ n: number }>('SELECT count(*) AS n FROM application_events WHERE application_id = $1', [id]);
    expect(stored?.n).toBe(application.events.length);
    expect((await carla.applications.list.query({ status: 'offer' })).map((a) => a.id)).toEqual([id]);
  });

  it('computes the funnel the warehouse history supports', async () => {
    const track = async (name: string, title: string, path: [string, number][], source?: string) => {
      const [[first, firstAgo], ...rest] = path as [[string, number], ...[string, number][]];
      const app = await carla.applications.create.mutate({ clusterId: await jobTitled(title), status: first as 'saved' | 'applied', at: daysAgo(firstAgo), source });
      for (const [to, ago] of rest) await carla.applications.moveStatus.mutate({ id: app.id, to: to as 'applied', at: daysAgo(ago) });
      ids[name] = app.id;
    };
    await track('rejected', 'Analytics Engineer', [['applied', 20], ['rejected', 17]]);
    await track('interview', 'Computer Vision Engineer', [['applied', 15], ['interview', 6]], 'referral');
    await track('ghosted', 'Engenheiro(a) de Dados', [['applied', 40], ['ghosted', 2]], 'referral');
    await track('withdrawn', 'Analista de Datos / BI', [['saved', 5], ['withdrawn', 4]]);
    await track('applied', 'Cientista de Dados Pleno', [['applied', 3]]);

    const funnel = await carla.applications.funnel.query();
    // The same figures straight from the stored events.
    const [sql] = await api.warehouse.query<Record<string, number>>(
      `WITH paths AS (
         SELECT a.id, a.source, list(e.to_status ORDER BY e.occurred_at, e.seq) AS s
         FROM applications a JOIN application_events e ON e.application_id = a.id AND e.kind = 'status'
         WHERE a.user_id = $1 GROUP BY ALL)
       SELECT count(*) AS all_apps,
              count(*) FILTER (WHERE list_has_any(s, ['applied', 'screening', 'interview', 'offer'])) AS applied,
              count(*) FILTER (WHERE list_has_any(s, ['screening', 'interview', 'offer'])) AS screening,
              count(*) FILTER (WHERE list_has_any(s, ['interview', 'offer'])) AS interview,
              count(*) FILTER (WHERE list_contains(s, 'offer')) AS offer,
              count(*) FILTER (WHERE list_has_any(s, ['screening', 'interview', 'offer', 'rejected'])) AS responded,
              count(*) FILTER (WHERE source = 'referral') AS referral,
              count(*) FILTER (WHERE source = 'referral' AND list_has_any(s, ['screening', 'interview', 'offer', 'rejected'])) AS referral_responded
       FROM paths`,
      [carlaId],
    );
    expect(funnel.applications).toBe(sql?.all_apps);
    expect(funnel.reached).toEqual({ saved: sql?.all_apps, applied: sql?.applied, screening: sql?.screening, interview: sql?.interview, offer: sql?.offer });
    expect(funnel.reached).toEqual({ saved: 6, applied: 5, screening: 2, interview: 2, offer: 1 });
    expect(funnel.conversions.find((c) => c.to === 'interview')?.rate).toBe(1);
    expect(funnel.conversions.find((c) => c.to === 'applied')?.rate).toBeCloseTo(5 / 6, 4);
    expect(funnel.responseRate.overall).toEqual({ key: 'all', applied: sql?.applied, responded: sql?.responded, rate: Math.round((Number(sql?.responded) / Number(sql?.applied)) * 1e4) / 1e4 });
    expect(funnel.responseRate.bySource.find((r) => r.key === 'referral')).toMatchObject({ applied: sql?.referral, responded: sql?.referral_responded });
    expect(funnel.responseRate.byMatchBand.reduce((n, r) => n + r.applied, 0)).toBe(sql?.applied);

    const [stay] = await api.warehouse.query<{ n: number; median: number }>(
      `WITH moves AS (
         SELECT e.to_status AS status, epoch(lead(e.occurred_at) OVER (PARTITION BY e.application_id ORDER BY e.occurred_at, e.seq) - e.occurred_at) / 86400 AS days
         FROM application_events e WHERE e.user_id = $1 AND e.kind = 'status')
       SELECT count(days) AS n, quantile_cont(days, 0.5) AS median FROM moves WHERE status = 'applied'`,
      [carlaId],
    );
    const applied = funnel.timeInStage.find((t) => t.status === 'applied');
    expect(applied?.stays).toBe(stay?.n);
    expect(applied?.medianDays).toBeCloseTo(Number(stay?.median), 1);
    expect(applied?.open).toBe(1);
  });

  it('suggests when to follow up, from the default until there is history', async () => {
    const interview = await carla.applications.followUp.query({ id: ids.interview as string });
    // One answered interview stay of the user's own (the offer) is not enough history: 5 days by default.
    expect(interview).toMatchObject({ status: 'interview', action: 'follow_up', waitDays: 5, basis: 'default', historySample: 1 });
    expect(interview.followUpOn).toBe(daysAgo(1).slice(0, 10));
    const fresh = await carla.applications.followUp.query({ id: ids.applied as string });
    // Applied stays that got an answer: the offer (4 days), the rejection (3) and the interview (9): the 75th percentile is 6.5, so 7.
    expect(fresh).toMatchObject({ action: 'wait', basis: 'history', historySample: 3, waitDays: 7, followUpOn: daysAgo(-4).slice(0, 10) });
    const all = await carla.applications.followUps.query();
    expect(all.map((s) => s.applicationId).sort()).toEqual([ids.applied, ids.interview, ids.offer].sort());
  });

  it("prepares an interview with the job's required skills and the user's evidence for each", async () => {
    await carla.skills.setProgress.mutate({ skill: 'langchain', status: 'learned' });
    await carla.skills.setProgress.mutate({ skill: 'llms', status: 'learning' });
    const prep = await carla.applications.interviewPrep.query({ id: ids.offer as string });
    const clusterId = await jobTitled('Especialista em IA Generativa (LLMs)');
    const [job] = await api.warehouse.query<{ skills: string[]; required: string[] }>(
      `SELECT p.skills, coalesce(p.skills_required, []) AS required FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id WHERE c.id = $1`,
      [clusterId],
    );
    expect(prep.skills.map((s) => s.skill).sort()).toEqual([...(job?.skills ?? [])].sort());
    const byKind = (kind: string) => prep.skills.filter((s) => s.user.kind === kind).map((s) => s.skill);
    expect(byKind('profile').sort()).toEqual(['docker', 'python'].filter((s) => job?.skills.includes(s)));
    expect(byKind('learned')).toEqual(['langchain']);
    expect(byKind('learning')).toEqual(['llms']);
    expect(prep.skills.find((s) => s.skill === 'langchain')?.user.since).not.toBeNull();
    for (const s of prep.skills.filter((x) => x.requirement === 'required')) expect(s.posting.text).toBeTruthy();
    const covered = (job?.required ?? []).filter((s) => ['python', 'sql', 'machine-learning', 'pandas', 'docker', 'langchain'].includes(s)).length;
    expect(prep.readiness).toEqual({ required: job?.required.length, covered, share: Math.round((covered / Number(job?.required.length)) * 1e4) / 1e4 });
    // The gap for this job alone, through the same analysis as skills.analyze.
    expect(prep.gap.target.jobs.map((j) => j.clusterId)).toEqual([clusterId]);
    expect(prep.gap.missing.map((g) => g.skill)).toContain('llms');
    expect(prep.gap.missing.map((g) => g.skill)).not.toContain('langchain');
    expect(prep.gap.potential.potentialAverage).toBeGreaterThanOrEqual(prep.gap.potential.currentAverage);
  });

  it('gives salary quartiles of similar jobs in USD and BRL, CLT and PJ apart, and no figure from too few', async () => {
    // Data science: two other jobs state a salary, below the minimum sample.
    const thin = await carla.applications.salaryNegotiation.query({ id: ids.applied as string });
    expect(thin.market.sampleSize).toBeLessThan(MIN_SALARY_SAMPLE);
    expect(thin.market.usd).toEqual({ p25: null, p50: null, p75: null });
    expect(thin.market.brl).toEqual({ p25: null, p50: null, p75: null });

    const rich = await carla.applications.salaryNegotiation.query({ id: ids.interview as string });
    expect(rich.job.category).toBe('ai_ml');
    expect(rich.market.sampleSize).toBeGreaterThanOrEqual(MIN_SALARY_SAMPLE);
    // The same figures from the mart, with the criteria the answer says it used.
    const [me] = await api.warehouse.query<{ seniority: string; remote_scope: string; skills: string[] }>(
      'SELECT seniority, remote_scope, skills FROM job_facts WHERE cluster_id = $1',
      [rich.job.clusterId],
    );
    const params: DuckDBValue[] = [rich.job.clusterId, rich.job.category];
    const bind = (value: DuckDBValue) => `$${params.push(value)}`;
    const conditions = ['category = $2'];
    if (rich.criteria.includes('seniority')) conditions.push(`seniority = ${bind(String(me?.seniority))}`);
    if (rich.criteria.includes('remoteScope')) conditions.push(`remote_scope = ${bind(String(me?.remote_scope))}`);
    if (rich.criteria.includes('skills')) {
      const skills = bind(listValue(me?.skills ?? []));
      conditions.push(`len(list_intersect(skills, ${skills})) / len(list_distinct(list_concat(skills, ${skills}))) >= ${SKILL_SIMILARITY_MIN}`);
    }
    const [market] = await api.warehouse.query<{ n: number; usd: number[]; brl: number[] }>(
      `SELECT count(*) AS n, quantile_cont(salary_usd_month, [0.25, 0.5, 0.75]) AS usd, quantile_cont(salary_brl_month, [0.25, 0.5, 0.75]) AS brl
       FROM job_facts WHERE cluster_id <> $1 AND salary_usd_month IS NOT NULL AND salary_brl_month IS NOT NULL AND ${conditions.join(' AND ')}`,
      params,
    );
    expect(rich.market.sampleSize).toBe(market?.n);
    expect(rich.market.usd).toEqual({ p25: Math.round(Number(market?.usd[0])), p50: Math.round(Number(market?.usd[1])), p75: Math.round(Number(market?.usd[2])) });
    expect(rich.market.brl.p50).toBe(Math.round(Number(market?.brl[1])));
    expect(rich.byContract.clt.sampleSize + rich.byContract.pj.sampleSize).toBeLessThanOrEqual(rich.market.sampleSize);
    for (const band of [rich.byContract.clt, rich.byContract.pj]) {
      if (band.sampleSize < MIN_SALARY_SAMPLE) expect(band.usd.p50).toBeNull();
    }
  });

  it("refuses another user's applications as if they did not exist, and final statuses stay final", async () => {
    const bruno = (await api.signedIn('bruno@example.com')).client;
    const id = ids.offer as string;
    expect(await errorCode(() => bruno.applications.get.query({ id }))).toBe('NOT_FOUND');
    expect(await errorCode(() => bruno.applications.moveStatus.mutate({ id, to: 'withdrawn' }))).toBe('NOT_FOUND');
    expect(await bruno.applications.list.query({})).toEqual([]);
    expect(await bruno.applications.funnel.query()).toMatchObject({ applications: 0, reached: { saved: 0 } });

    await carla.applications.moveStatus.mutate({ id, to: 'rejected' });
    expect(await errorCode(() => carla.applications.moveStatus.mutate({ id, to: 'offer' }))).toBe('BAD_REQUEST');
    expect((await carla.applications.get.query({ id })).allowedMoves).toEqual([]);
    expect(await errorCode(() => carla.applications.addNote.mutate({ id, text: ' ' }))).toBe('BAD_REQUEST');
  });
});
