import { listValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { IMPORTANCE_WEIGHTS } from '../../activities/skills/importance.js';
import { shippedSkillGraph } from '../../activities/skills/skill-graph.js';
import { errorCode, profileInput, usePipelineApi } from './pipeline-api-fixture.js';

const api = usePipelineApi();

const PROFILE = profileInput({ skills: ['sql', 'excel', 'statistics', 'docker', 'git'] });

type Client = Awaited<ReturnType<typeof api.signedIn>>['client'];
let ana: Client;
let firstAnalysisId = '';

describe('skill gaps through the API, on a warehouse the pipeline filled from the fixtures', () => {
  it('asks for a profile, then analyses the best matches with figures the warehouse confirms', async () => {
    ana = (await api.signedIn('ana@example.com')).client;
    expect(await errorCode(() => ana.skills.analyze.mutate({ target: { kind: 'top' } }))).toBe('PRECONDITION_FAILED');
    expect(await ana.skills.latest.query()).toBeNull();
    await ana.profile.update.mutate(PROFILE);
    await api.score();

    const analysis = await ana.skills.analyze.mutate({ target: { kind: 'top', limit: 8 } });
    firstAnalysisId = analysis.id;
    const top = await api.warehouse.query<{ cluster_id: string; score: number }>(
      'SELECT cluster_id, score FROM matches WHERE user_id = $1 ORDER BY score DESC, cluster_id LIMIT 8',
      [await api.userId('ana@example.com')],
    );
    expect(analysis.target.jobs.map((j) => j.clusterId)).toEqual(top.map((t) => t.cluster_id));
    const targets = top.map((t) => t.cluster_id);

    // Missing: every skill the target jobs name that the profile lacks.
    const named = await api.warehouse.query<{ skill: string }>(
      `SELECT DISTINCT s AS skill FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id, unnest(p.skills) t(s)
       WHERE list_contains($1::VARCHAR[], c.id) ORDER BY 1`,
      [listValue(targets)],
    );
    const expected = named.map((n) => n.skill).filter((s) => !PROFILE.skills.includes(s));
    expect(analysis.missing.map((g) => g.skill).sort()).toEqual(expected);
    expect(analysis.matched.map((m) => m.skill).sort()).toEqual(named.map((n) => n.skill).filter((s) => PROFILE.skills.includes(s)));
    expect(analysis.missing.length).toBeGreaterThan(5);

    for (const gap of analysis.missing) {
      const [asked] = await api.warehouse.query<{ jobs: number; required: number; nice: number }>(
        `SELECT count(*) FILTER (WHERE list_contains(p.skills, $2)) AS jobs,
                count(*) FILTER (WHERE list_contains(coalesce(p.skills_required, []), $2)) AS required,
                count(*) FILTER (WHERE list_contains(coalesce(p.skills_nice, []), $2)) AS nice
         FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id WHERE list_contains($1::VARCHAR[], c.id)`,
        [listValue(targets), gap.skill],
      );
      expect({ skill: gap.skill, jobs: gap.targetJobs, required: gap.required, nice: gap.nice }).toEqual({ skill: gap.skill, ...asked });
      expect(gap.unspecified).toBe(gap.targetJobs - gap.required - gap.nice);

      const [market] = await api.warehouse.query<{ last30: number; last90: number }>(
        `SELECT count(*) FILTER (WHERE c.first_seen_at > $1::TIMESTAMPTZ - INTERVAL 30 DAY AND list_contains(p.skills, $2)) AS last30,
                count(*) FILTER (WHERE list_contains(p.skills, $2)) AS last90
         FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id
         WHERE c.first_seen_at > $1::TIMESTAMPTZ - INTERVAL 90 DAY AND c.first_seen_at <= $1::TIMESTAMPTZ`,
        [analysis.asOf, gap.skill],
      );
      expect({ skill: gap.skill, last30: gap.market.last30.jobs, last90: gap.market.last90.jobs }).toEqual({ skill: gap.skill, ...market });

      // The documented formula, recomputed from the components the analysis reports.
      const w = IMPORTANCE_WEIGHTS;
      const { target, market: m, trend } = gap.components;
      expect(gap.importance).toBeCloseTo(100 * (w.target * target + w.market * m + w.trend * trend) * (1 - gap.partialCredit), 0);
      expect(target).toBeCloseTo((gap.required + 0.75 * gap.unspecified + 0.4 * gap.nice) / targets.length, 3);
      expect(gap.partialCredit).toBe(Math.min(0.5, 0.25 * gap.relatedHeld.length));
    }
    const importances = analysis.missing.map((g) => g.importance);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));

    // Learning path: every prerequisite the user lacks comes before the step that needs it.
    const graph = shippedSkillGraph();
    const steps = analysis.learningPath.steps;
    expect(steps.length).toBeGreaterThanOrEqual(8);
    const position = new Map(steps.map((s) => [s.skill, s.order]));
    for (const step of steps) {
      const lacking = graph.prerequisites(step.skill).filter((p) => !PROFILE.skills.includes(p));
      expect(step.prerequisites.sort()).toEqual([...new Set(lacking)].sort());
      for (const p of lacking) expect(position.get(p), `${p} before ${step.skill}`).toBeLessThan(step.order);
      if (step.catalogueHours !== null) expect(step.estimatedHours).toBe(Math.round(step.catalogueHours * (1 - step.partialCredit)));
      expect(step.resources.length).toBeGreaterThan(0);
      const firstPaid = step.resources.findIndex((r) => !r.free);
      if (firstPaid >= 0) expect(step.resources.slice(firstPaid).every((r) => !r.free)).toBe(true);
    }
    // Python is missing and a prerequisite of several gaps: it comes early, with Portuguese resources first.
    const python = steps.find((s) => s.skill === 'python');
    expect(python?.resources[0]?.language).toBe('pt');
    expect(analysis.learningPath.totalHours).toBe(steps.reduce((n, s) => n + (s.estimatedHours ?? 0), 0));

    // Improvement potential through the same ONNX model: the current scores are the stored matches.
    const potential = analysis.potential;
    expect(potential.skills).toEqual(analysis.missing.slice(0, 5).map((g) => g.skill));
    for (const job of potential.perJob) {
      expect(job.current).toBeCloseTo(Number(top.find((t) => t.cluster_id === job.clusterId)?.score), 5);
      expect(job.potential).toBeGreaterThanOrEqual(job.current);
    }
    expect(potential.potentialAverage).toBeGreaterThan(potential.currentAverage);
    for (const s of potential.perSkill) expect(s.averageGain).toBeGreaterThanOrEqual(0);
    expect(potential.perSkill.some((s) => s.jobsImproved > 0)).toBe(true);
  });

  it('keeps each analysis, and progress marks change the path, the potential and the next analysis', async () => {
    const first = await ana.skills.get.query({ id: firstAnalysisId });
    const top = first.missing[0]?.skill as string;
    await ana.skills.setProgress.mutate({ skill: top, status: 'learning' });
    let path = await ana.skills.learningPath.query({});
    expect(path.steps.find((s) => s.skill === top)?.learning).toBe(true);

    const progress = await ana.skills.setProgress.mutate({ skill: top, status: 'learned' });
    expect(progress).toMatchObject([{ skill: top, status: 'learned' }]);
    expect(progress[0]?.learnedAt).not.toBeNull();
    path = await ana.skills.learningPath.query({ analysisId: firstAnalysisId });
    expect(path.steps.map((s) => s.skill)).not.toContain(top);
    const potential = await ana.skills.potential.query({ n: 3 });
    expect(potential.skills).toEqual(first.missing.slice(1, 4).map((g) => g.skill));
    // Learned counts as held: every job asking for it scores at least as well as before.
    for (const job of potential.perJob) {
      expect(job.current).toBeGreaterThanOrEqual(Number(first.potential.perJob.find((j) => j.clusterId === job.clusterId)?.current) - 1e-6);
    }

    const second = await ana.skills.analyze.mutate({ target: { kind: 'top', limit: 8 } });
    expect(second.missing.map((g) => g.skill)).not.toContain(top);
    expect(second.have).toContain(top);
    const history = await ana.skills.history.query({});
    expect(history.map((h) => h.id)).toEqual([second.id, firstAnalysisId]);
    expect(history[1]).toMatchObject({ missingCount: first.missing.length, trigger: 'user', targetKind: 'top', targetJobs: 8 });
    expect(history[0]?.missingCount).toBe(first.missing.length - 1);
    expect((await ana.skills.latest.query())?.id).toBe(second.id);

    await ana.skills.setProgress.mutate({ skill: top, status: null });
    expect(await ana.skills.progress.query()).toEqual([]);
    expect(await errorCode(() => ana.skills.setProgress.mutate({ skill: 'no-such-skill', status: 'learning' }))).toBe('BAD_REQUEST');
    expect(await errorCode(() => ana.skills.analyze.mutate({ target: { kind: 'top', limit: 500 } }))).toBe('BAD_REQUEST');
  });

  it('targets chosen or saved jobs, and says what is missing when there are none', async () => {
    // Jobs asking for PostgreSQL: the profile's SQL is related to it, a head start worth partial credit.
    const withPostgres = await api.warehouse.query<{ id: string }>(
      `SELECT c.id FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id WHERE list_contains(p.skills, 'postgresql') ORDER BY c.id LIMIT 3`,
    );
    const chosen = withPostgres.map((j) => j.id);
    expect(chosen.length).toBeGreaterThan(0);
    const analysis = await ana.skills.analyze.mutate({ target: { kind: 'chosen', clusterIds: chosen } });
    expect(analysis.target).toMatchObject({ kind: 'chosen', jobs: chosen.map((clusterId) => ({ clusterId })) });
    const postgres = analysis.missing.find((g) => g.skill === 'postgresql');
    expect(postgres?.relatedHeld).toContainEqual({ skill: 'sql', relation: 'related' });
    expect(postgres?.partialCredit).toBeGreaterThanOrEqual(0.25);
    expect(await errorCode(() => ana.skills.analyze.mutate({ target: { kind: 'chosen', clusterIds: ['job_000000000000000000000000'] } }))).toBe('PRECONDITION_FAILED');

    expect(await errorCode(() => ana.skills.analyze.mutate({ target: { kind: 'saved' } }))).toBe('PRECONDITION_FAILED');
    await ana.feedback.set.mutate({ clusterId: chosen[0] as string, saved: true });
    const saved = await ana.skills.analyze.mutate({ target: { kind: 'saved' } });
    expect(saved.target.jobs.map((j) => j.clusterId)).toEqual([chosen[0]]);
  });

  it("refuses another user's analysis as if it did not exist", async () => {
    const bruno = (await api.signedIn('bruno@example.com')).client;
    expect(await errorCode(() => bruno.skills.get.query({ id: firstAnalysisId }))).toBe('NOT_FOUND');
    expect(await errorCode(() => bruno.skills.learningPath.query({ analysisId: firstAnalysisId }))).toBe('NOT_FOUND');
    expect(await errorCode(() => bruno.skills.potential.query({ analysisId: firstAnalysisId }))).toBe('NOT_FOUND');
    expect(await bruno.skills.history.query({})).toEqual([]);
  });
});
