import { escape } from 'html-escaper';
import type { MatchLine, SkillMovement } from '../../warehouse/notifications.js';
import { emailText, type EmailText } from './email-text.js';

export interface FollowUp {
  title: string;
  company: string | null;
  action: string | null;
  /** YYYY-MM-DD. */
  dueAt: string;
}

export interface GapProgress {
  learning: string[];
  learned: string[];
  nextSkills: string[];
}

/** Everything one weekly digest says; skill ids are already display names. */
export interface DigestContent {
  displayName: string;
  locale: string;
  weekStart: string;
  weekEnd: string;
  matches: MatchLine[];
  skills: (SkillMovement & { skillName: string })[];
  gapProgress: GapProgress | null;
  followUps: FollowUp[];
}

export interface AlertContent {
  displayName: string;
  locale: string;
  matches: MatchLine[];
}

export interface EmailLinks {
  /** The app's public URL, for job links. */
  appUrl: string;
  unsubscribeUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const TIME_ZONE = 'America/Sao_Paulo';

function formatters(locale: string) {
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: TIME_ZONE });
  const calendarDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    date: (iso: string) => date.format(new Date(iso)),
    /** A YYYY-MM-DD date, shown as that day wherever the reader is. */
    day: (ymd: string) => calendarDay.format(new Date(`${ymd}T00:00:00Z`)),
    percent: (value: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value),
    money: (value: number, currency: 'USD' | 'BRL') => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value),
    change: (now: number, before: number) =>
      before === 0 ? (now === 0 ? '–' : '+∞') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(now / before - 1),
  };
}

type Formatters = ReturnType<typeof formatters>;

function salaryLine(m: MatchLine, f: Formatters): string | null {
  const range = (min: number | null, max: number | null, currency: 'USD' | 'BRL') => {
    if (min === null && max === null) return null;
    if (min !== null && max !== null && min !== max) return `${f.money(min, currency)}–${f.money(max, currency)}`;
    return f.money((min ?? max) as number, currency);
  };
  const brl = range(m.salaryBrlMonthMin, m.salaryBrlMonthMax, 'BRL');
  const usd = range(m.salaryUsdMonthMin, m.salaryUsdMonthMax, 'USD');
  return [brl, usd].filter(Boolean).join(' · ') || null;
}

/** The score's parts, largest first: what the "why" line says. */
function why(m: MatchLine, t: EmailText, f: Formatters): string {
  return Object.entries(m.components)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${t.components[name] ?? name} ${f.percent(value)}`)
    .join(', ');
}

const jobUrl = (links: EmailLinks, clusterId: string) => `${links.appUrl}/jobs/${encodeURIComponent(clusterId)}`;

function matchesHtml(matches: MatchLine[], t: EmailText, f: Formatters, links: EmailLinks): string {
  return matches
    .map((m) => {
      const salary = salaryLine(m, f);
      return `<tr><td style="padding:12px 0;border-bottom:1px solid #e5e7eb">
<a href="${escape(jobUrl(links, m.clusterId))}" style="font-size:16px;font-weight:600;color:#1d4ed8">${escape(m.title)}</a><br>
<span style="color:#374151">${escape(m.company ?? '')}</span> · <strong>${f.percent(m.score)}</strong> ${escape(t.score)}<br>
${salary ? `<span style="color:#374151">${escape(t.salary)}: ${escape(salary)}</span><br>` : ''}
<span style="color:#6b7280;font-size:13px">${escape(t.why)}: ${escape(why(m, t, f))}</span></td></tr>`;
    })
    .join('\n');
}

function matchesText(matches: MatchLine[], t: EmailText, f: Formatters, links: EmailLinks): string {
  return matches
    .map((m) => {
      const salary = salaryLine(m, f);
      return [
        `- ${m.title}${m.company ? ` — ${m.company}` : ''} (${f.percent(m.score)} ${t.score})`,
        salary ? `  ${t.salary}: ${salary}` : null,
        `  ${t.why}: ${why(m, t, f)}`,
        `  ${jobUrl(links, m.clusterId)}`,
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
}

/** Skill demand as an accessible table: a caption, header cells, and a bar drawn with widths (no images to block). */
function skillsHtml(content: DigestContent, t: EmailText, f: Formatters): string {
  if (content.skills.length === 0) return `<p>${escape(t.noMarket)}</p>`;
  const top = Math.max(1, ...content.skills.map((s) => s.jobsLast30));
  const rows = content.skills
    .map(
      (s) => `<tr><th scope="row" style="text-align:left;padding:4px 8px 4px 0;font-weight:normal">${escape(s.skillName)}</th>
<td style="padding:4px 8px"><div role="presentation" style="background:#2563eb;height:10px;width:${Math.round((s.jobsLast30 / top) * 120)}px"></div></td>
<td style="padding:4px 8px;text-align:right">${s.jobsLast30}</td><td style="padding:4px 8px;text-align:right">${escape(f.change(s.jobsLast30, s.jobsPrevious30))}</td>
<td style="padding:4px 8px;text-align:right">${s.medianUsdMonth === null ? '–' : escape(f.money(s.medianUsdMonth, 'USD'))}</td></tr>`,
    )
    .join('\n');
  return `<table style="border-collapse:collapse;font-size:14px"><caption style="text-align:left;font-weight:600;padding-bottom:6px">${escape(t.marketTitle)}</caption>
<thead><tr><th scope="col" style="text-align:left">${escape(t.skill)}</th><th scope="col"></th><th scope="col">${escape(t.jobsLast30)}</th><th scope="col">${escape(t.change)}</th><th scope="col">${escape(t.medianPay)}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function skillsText(content: DigestContent, t: EmailText, f: Formatters): string {
  if (content.skills.length === 0) return t.noMarket;
  return content.skills
    .map((s) => `- ${s.skillName}: ${s.jobsLast30} (${f.change(s.jobsLast30, s.jobsPrevious30)})${s.medianUsdMonth === null ? '' : `, ${f.money(s.medianUsdMonth, 'USD')}`}`)
    .join('\n');
}

function layout(title: string, body: string, t: EmailText, links: EmailLinks, lang: string): string {
  return `<!doctype html>
<html lang="${escape(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title></head>
<body style="margin:0;padding:24px;background:#f9fafb;font-family:Arial,Helvetica,sans-serif;color:#111827">
<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
${body}
<p style="margin-top:32px;color:#6b7280;font-size:12px">${escape(t.footerWhy)}<br>
<a href="${escape(`${links.appUrl}/settings`)}" style="color:#6b7280">${escape(t.settings)}</a> ·
<a href="${escape(links.unsubscribeUrl)}" style="color:#6b7280">${escape(t.unsubscribe)}</a></p>
</div></body></html>`;
}

function footerText(t: EmailText, links: EmailLinks): string {
  return `--\n${t.footerWhy}\n${t.settings}: ${links.appUrl}/settings\n${t.unsubscribe}: ${links.unsubscribeUrl}`;
}

function listSection(title: string, items: string[]): { html: string; text: string } | null {
  if (items.length === 0) return null;
  return {
    html: `<h3 style="font-size:15px;margin:16px 0 4px">${escape(title)}</h3><ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`,
    text: `${title}:\n${items.map((i) => `- ${i}`).join('\n')}`,
  };
}

export function renderDigest(content: DigestContent, links: EmailLinks): RenderedEmail {
  const t = emailText(content.locale);
  const f = formatters(content.locale);
  const subject = content.matches.length > 0 ? t.digestSubject(content.matches.length) : t.digestQuietSubject;
  const intro = t.digestIntro(f.date(content.weekStart), f.date(content.weekEnd));
  const gap = content.gapProgress;
  const sections = [
    gap ? listSection(`${t.gapTitle} — ${t.learning}`, gap.learning) : null,
    gap ? listSection(`${t.gapTitle} — ${t.learned}`, gap.learned) : null,
    gap ? listSection(t.nextSkills, gap.nextSkills) : null,
    listSection(
      t.followUpsTitle,
      content.followUps.map((u) => `${u.title}${u.company ? ` — ${u.company}` : ''}${u.action ? `: ${u.action}` : ''} (${t.due} ${f.day(u.dueAt)})`),
    ),
  ].filter((s): s is { html: string; text: string } => s !== null);
  const matchesBlock = content.matches.length
    ? `<table style="width:100%;border-collapse:collapse" role="presentation">${matchesHtml(content.matches, t, f, links)}</table>`
    : `<p>${escape(t.noNewMatches)}</p>`;
  const html = layout(
    subject,
    `<h1 style="font-size:20px">${escape(t.greeting(content.displayName))}</h1><p>${escape(intro)}</p>
<h2 style="font-size:17px">${escape(t.newMatches)}</h2>${matchesBlock}
<h2 style="font-size:17px">${escape(t.marketTitle)}</h2>${skillsHtml(content, t, f)}
${sections.map((s) => s.html).join('\n')}`,
    t,
    links,
    content.locale,
  );
  const text = [
    t.greeting(content.displayName),
    intro,
    `== ${t.newMatches} ==`,
    content.matches.length ? matchesText(content.matches, t, f, links) : t.noNewMatches,
    `== ${t.marketTitle} ==`,
    skillsText(content, t, f),
    ...sections.map((s) => s.text),
    footerText(t, links),
  ].join('\n\n');
  return { subject, html, text };
}

export function renderMatchAlert(content: AlertContent, links: EmailLinks): RenderedEmail {
  const t = emailText(content.locale);
  const f = formatters(content.locale);
  const subject = t.alertSubject(content.matches.length);
  const html = layout(
    subject,
    `<h1 style="font-size:20px">${escape(t.greeting(content.displayName))}</h1><p>${escape(t.alertIntro)}</p>
<table style="width:100%;border-collapse:collapse" role="presentation">${matchesHtml(content.matches, t, f, links)}</table>`,
    t,
    links,
    content.locale,
  );
  const text = [t.greeting(content.displayName), t.alertIntro, matchesText(content.matches, t, f, links), footerText(t, links)].join('\n\n');
  return { subject, html, text };
}
