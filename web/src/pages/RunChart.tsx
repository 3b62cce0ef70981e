// Loaded on demand (React.lazy): the chart library is the app's largest dependency and only
// operators see it.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiOutputs } from '../api.js';
import { useI18n } from '../i18n/index.js';

const STAGE_COLORS: Record<string, string> = {
  ingest: '#047857',
  normalize: '#0369a1',
  dedupe: '#6d28d9',
  score: '#b45309',
  trend: '#be123c',
  publish: '#334155',
};

export default function RunChart({ runs }: { runs: ApiOutputs['ops']['runs'] }) {
  const { t, fmt } = useI18n();
  const stages = Object.keys(STAGE_COLORS) as (keyof typeof t.operator.stage)[];
  const data = [...runs].reverse().map((run) => ({
    run: fmt.dateTime(run.startedAt),
    ...Object.fromEntries(run.stages.map((s) => [s.stage, s.durationMs / 1000])),
  }));
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{t.operator.durationsChart}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="run" tick={{ fontSize: 12, fill: '#334155' }} />
            <YAxis tick={{ fontSize: 12, fill: '#334155' }} tickFormatter={(v: number) => fmt.number(v, 1)} />
            <Tooltip formatter={(v) => t.operator.seconds(fmt.number(Number(v), 2))} />
            <Legend />
            {stages.map((stage) => (
              <Bar key={stage} dataKey={stage} name={t.operator.stage[stage]} stackId="run" fill={STAGE_COLORS[stage]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
