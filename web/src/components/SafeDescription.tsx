import { useMemo } from 'react';
import { descriptionHtml } from '../sanitize.js';

/** A posting's description: untrusted text, escaped and sanitized into paragraphs, lists and links. */
export function SafeDescription({ text }: { text: string }) {
  const html = useMemo(() => descriptionHtml(text), [text]);
  return (
    <div
      className="space-y-3 break-words text-slate-800 [&_a]:text-emerald-800 [&_a]:underline [&_li]:ml-5 [&_ul]:list-disc [&_ul]:space-y-1"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
