import type { ReactNode } from 'react';
import { errorCode } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Button } from './Button.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="py-8 text-center text-slate-600">
      {t.app.loading}
    </p>
  );
}

/** What went wrong in the reader's language: tRPC error codes map to messages, the rest is "try again". */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown, byCode: Record<string, string> = {}): string => {
    const code = errorCode(error);
    if (code && byCode[code]) return byCode[code];
    if (code === 'FORBIDDEN') return t.errors.forbidden;
    if (code === 'NOT_FOUND') return t.errors.notFound;
    if (code === 'TOO_MANY_REQUESTS') return t.errors.tooMany;
    if (code === 'BAD_REQUEST') return t.errors.invalid;
    if (error instanceof TypeError) return t.errors.network;
    return t.errors.generic;
  };
}

export function ErrorMessage({ error, onRetry, byCode }: { error: unknown; onRetry?: () => void; byCode?: Record<string, string> }) {
  const { t } = useI18n();
  const text = useErrorText();
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <span>{text(error, byCode)}</span>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t.app.retry}
        </Button>
      )}
    </div>
  );
}

/** A polite announcement of something that went well (saved, sent). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
      {children}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children && <div className="mt-2 space-y-3 text-slate-700">{children}</div>}
    </div>
  );
}
