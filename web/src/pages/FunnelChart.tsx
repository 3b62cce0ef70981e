// Loaded on demand (React.lazy), like RunChart: the chart library stays out of the first download.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiOutputs } from '../api.js';
import { useI18n } from '../i18n/index.js';

export default function FunnelChart({ reached }: { reached: ApiOutputs['applications']['funnel']['reached'] }) {
  const { t, fmt } = useI18n();
  const data = (Object.keys(reached) as (keyof typeof reached)[]).map((stage) => ({ stage: t.applications.status[stage], count: reached[stage] }));
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{t.applications.reachedChart}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
            <XAxis dataKey="stage" tick={{ fontSize: 12, fill: '#334155' }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#334155' }} tickFormatter={(v: number) => fmt.number(v)} />
            <Tooltip formatter={(v) => fmt.number(Number(v))} />
            <Bar dataKey="count" name={t.applications.reachedChart} fill="#047857" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
