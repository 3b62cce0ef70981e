import type { Warehouse } from '../../warehouse/db.js';
import { finishAttempt, isSuppressed, markOutbox, outboxMessage, sendAttempts, startAttempt, suppressAddress } from '../../warehouse/notifications.js';
import { PermanentError } from '../errors.js';
import { TransportError, type EmailTransport } from './transport.js';

export type DeliveryResult = 'sent' | 'already_sent' | 'rejected' | 'suppressed' | 'interrupted';

export interface DeliveryDeps {
  warehouse: Warehouse;
  transport: EmailTransport;
  from: string;
  /** The signed one-click unsubscribe link for a user's e-mails; null for messages that have none (password resets). */
  unsubscribeUrl: (userId: string) => string;
}

/**
 * Hands one outbox message to the provider, at most once. Each attempt is recorded before the
 * provider is called and closed after it answers; an attempt found still open means the worker died
 * mid-send, when the provider may already have the message. The product then marks it failed
 * rather than send it again: a missing digest is better than a duplicate one, and the operator
 * page shows it. Retryable answers (429, 5xx, no answer) close their attempt and throw, so
 * Temporal retries with backoff.
 */
export async function deliverEmail(deps: DeliveryDeps, outboxId: string): Promise<DeliveryResult> {
  const { warehouse } = deps;
  const message = await warehouse.withConnection((conn) => outboxMessage(conn, outboxId));
  if (!message) throw new PermanentError(`no e-mail ${outboxId} in the outbox`);
  if (message.status === 'sent') return 'already_sent';
  if (message.status !== 'pending') return message.status === 'bounced' ? 'rejected' : 'interrupted';
  if (await warehouse.withConnection((conn) => isSuppressed(conn, message.to))) {
    await warehouse.withConnection((conn) => markOutbox(conn, outboxId, 'failed', 'address suppressed (bounced, invalid or spam report)'));
    return 'suppressed';
  }
  const attempts = await warehouse.withConnection((conn) => sendAttempts(conn, outboxId));
  const open = attempts.find((a) => a.finishedAt === null);
  if (open) {
    await warehouse.transaction(async (conn) => {
      await finishAttempt(conn, { outboxId, attempt: open.attempt, outcome: 'interrupted', httpStatus: null, error: 'worker stopped mid-send' });
      await markOutbox(conn, outboxId, 'failed', 'interrupted mid-send: not sent again, to avoid a duplicate');
    });
    return 'interrupted';
  }
  const attempt = attempts.length + 1;
  await warehouse.withConnection((conn) => startAttempt(conn, outboxId, attempt));
  let httpStatus: number | null;
  try {
    httpStatus = await deps.transport.send({
      id: message.id,
      to: message.to,
      from: deps.from,
      subject: message.subject,
      text: message.text,
      html: message.html,
      unsubscribeUrl: message.userId && message.kind !== 'password_reset' ? deps.unsubscribeUrl(message.userId) : null,
    });
  } catch (error) {
    const failure = error instanceof TransportError ? error : new TransportError((error as Error).message, null, true, false);
    if (failure.retryable) {
      await warehouse.withConnection((conn) => finishAttempt(conn, { outboxId, attempt, outcome: 'retry', httpStatus: failure.httpStatus, error: failure.message }));
      throw failure;
    }
    await warehouse.transaction(async (conn) => {
      await finishAttempt(conn, { outboxId, attempt, outcome: 'rejected', httpStatus: failure.httpStatus, error: failure.message });
      await markOutbox(conn, outboxId, failure.invalidRecipient ? 'bounced' : 'failed', failure.message);
      if (failure.invalidRecipient) await suppressAddress(conn, message.to, 'invalid', failure.message);
    });
    return 'rejected';
  }
  await warehouse.transaction(async (conn) => {
    await finishAttempt(conn, { outboxId, attempt, outcome: 'sent', httpStatus, error: null });
    await markOutbox(conn, outboxId, 'sent', null);
  });
  return 'sent';
}
