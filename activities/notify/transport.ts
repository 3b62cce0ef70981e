import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@sendgrid/client';
import { MailService, type ResponseError } from '@sendgrid/mail';

export interface OutgoingEmail {
  /** The outbox row's id: the provider's custom argument, and the file name of the local outbox. */
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  unsubscribeUrl: string | null;
}

/** What a provider said; `retryable` tells the caller whether sending again may succeed. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
    /** The provider refused the recipient's address itself: never mail it again. */
    readonly invalidRecipient: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface EmailTransport {
  readonly name: 'sendgrid' | 'local-outbox';
  /** Resolves with the provider's HTTP status (null for the local outbox). */
  send(message: OutgoingEmail): Promise<number | null>;
}

// RFC 8058 one-click unsubscribe: mail clients show an "Unsubscribe" button that POSTs to the link.
function listUnsubscribeHeaders(url: string | null): Record<string, string> {
  return url ? { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
}

const SEND_TIMEOUT_MS = 15_000;

/** @sendgrid/mail with its own client, so a test (or SendGrid's EU region) can point it at another base URL. */
export function sendgridTransport(opts: { apiKey: string; baseUrl?: string | null }): EmailTransport {
  const client = new Client();
  client.setApiKey(opts.apiKey);
  // After setApiKey, which resets the base URL to the region's.
  if (opts.baseUrl) client.setDefaultRequest('baseUrl', opts.baseUrl);
  // The client merges its default request into every axios call; its typings just omit axios's timeout.
  client.setDefaultRequest({ timeout: SEND_TIMEOUT_MS } as unknown as Parameters<Client['setDefaultRequest']>[0]);
  const mail = new MailService();
  mail.setClient(client);
  return {
    name: 'sendgrid',
    async send(message) {
      try {
        const [response] = await mail.send({
          to: message.to,
          from: message.from,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          headers: listUnsubscribeHeaders(message.unsubscribeUrl),
          customArgs: { outbox_id: message.id },
        });
        return response.statusCode;
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function classify(error: unknown): TransportError {
  const response = error as Partial<ResponseError> & { code?: number | string };
  const status = typeof response.code === 'number' ? response.code : null;
  if (status === null) return new TransportError(`e-mail provider unreachable: ${(error as Error).message}`, null, true, false);
  const body = JSON.stringify(response.response?.body ?? '').slice(0, 500);
  const retryAfter = Number((response.response?.headers as Record<string, string> | undefined)?.['retry-after']);
  const invalidRecipient = status === 400 && /email address|does not contain a valid address|invalid.*(to|recipient)/i.test(body);
  return new TransportError(
    `e-mail provider answered ${status}: ${body}`,
    status,
    status === 429 || status >= 500,
    invalidRecipient,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}

/** Without SENDGRID_API_KEY: each message becomes a .eml-like file an operator (or a test) can read. */
export function localOutboxTransport(dir: string): EmailTransport {
  return {
    name: 'local-outbox',
    async send(message) {
      mkdirSync(dir, { recursive: true });
      const headers = { To: message.to, From: message.from, Subject: message.subject, ...listUnsubscribeHeaders(message.unsubscribeUrl) };
      const head = Object.entries(headers).map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
      const parts = [head.join('\n'), '', message.text, ...(message.html ? ['', '--- text/html ---', message.html] : [])];
      const path = join(dir, `${message.id}.txt`);
      writeFileSync(`${path}.partial`, parts.join('\n'));
      renameSync(`${path}.partial`, path);
      return null;
    },
  };
}
