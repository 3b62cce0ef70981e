import type { OutboxMessage } from '../../warehouse/accounts.js';

const TEXT: Record<string, { subject: string; body: (link: string, minutes: number) => string }> = {
  'pt-BR': {
    subject: 'Redefinir sua senha',
    body: (link, minutes) => `Recebemos um pedido para redefinir sua senha.\n\nUse este link em até ${minutes} minutos:\n${link}\n\nSe não foi você, ignore este e-mail.`,
  },
  es: {
    subject: 'Restablecer tu contraseña',
    body: (link, minutes) => `Recibimos una solicitud para restablecer tu contraseña.\n\nUsa este enlace en los próximos ${minutes} minutos:\n${link}\n\nSi no fuiste tú, ignora este correo.`,
  },
  en: {
    subject: 'Reset your password',
    body: (link, minutes) => `We received a request to reset your password.\n\nUse this link within ${minutes} minutes:\n${link}\n\nIf this was not you, ignore this e-mail.`,
  },
};

/** The reset message in the account's language (plain text; the HTML digests come with the notifications issue). */
export function passwordResetEmail(locale: string, link: string, minutes: number): Pick<OutboxMessage, 'kind' | 'subject' | 'text' | 'html'> {
  const t = TEXT[locale] ?? TEXT['pt-BR'];
  if (!t) throw new Error('no reset e-mail text');
  return { kind: 'password_reset', subject: t.subject, text: t.body(link, minutes), html: null };
}
