import { useI18n } from '../i18n/index.js';

const COLORS: Record<string, string> = {
  skills: 'bg-emerald-600',
  experience: 'bg-sky-600',
  location: 'bg-violet-600',
  salary: 'bg-amber-500',
};

/**
 * A score and the components it is the sum of (each a matcher feature times its weight), as one
 * stacked bar and a legend of points out of 100; the bar's meaning is also given as text.
 */
export function ScoreBar({ score, components }: { score: number; components: Record<string, number> }) {
  const { t, fmt } = useI18n();
  const names = t.match.components as Record<string, string>;
  const parts = Object.entries(components).sort(([a], [b]) => Object.keys(COLORS).indexOf(a) - Object.keys(COLORS).indexOf(b));
  const points = (value: number) => t.app.points(fmt.number(value * 100));
  const summary = parts.map(([key, value]) => `${names[key] ?? key}: ${points(value)}`).join(', ');
  return (
    <div className="space-y-2">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium text-slate-700">{t.match.score}</span>
        <span className="text-2xl font-bold tabular-nums text-emerald-800">{fmt.percent(score)}</span>
      </div>
      <div role="img" aria-label={`${t.match.scoreOf(fmt.percent(score))}. ${summary}`} className="flex h-3 overflow-hidden rounded-full bg-slate-200">
        {parts.map(([key, value]) => (
          <div key={key} className={COLORS[key] ?? 'bg-slate-500'} style={{ width: `${Math.max(0, value) * 100}%` }} />
        ))}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        {parts.map(([key, value]) => (
          <div key={key} className="flex items-center gap-2">
            <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${COLORS[key] ?? 'bg-slate-500'}`} />
            <dt className="text-slate-700">{names[key] ?? key}</dt>
            <dd className="ml-auto font-medium tabular-nums text-slate-900">{points(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
