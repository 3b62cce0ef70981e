import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Warehouse } from '../warehouse/db.js';
import { markOutbox, suppressAddress, type SuppressionReason } from '../warehouse/notifications.js';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
const MAX_BODY_BYTES = 1024 * 1024;
/** A signed batch older than this is refused, so a captured request cannot be replayed later. */
const MAX_AGE_SECONDS = 15 * 60;

const event = z.looseObject({
  email: z.string().max(320),
  event: z.string().max(40),
  reason: z.string().max(2000).optional(),
  outbox_id: z.string().max(100).optional(),
});

const SUPPRESSING: Record<string, SuppressionReason> = { bounce: 'bounce', dropped: 'invalid', spamreport: 'spam_report' };

export interface ProviderEventDeps {
  warehouse: Warehouse;
  /** Checks SendGrid's signature over timestamp + body; null when no verification key is configured. */
  verifyProviderEvent: ((body: Buffer, signature: string, timestamp: string) => boolean) | null;
}

/**
 * SendGrid's Event Webhook: bounces, drops and spam reports suppress the address, and the message
 * they name (our outbox id rides along as a custom argument) is marked bounced. Only signed
 * requests are read; without a configured key the endpoint does not exist.
 */
export function handleProviderEvents(deps: ProviderEventDeps, req: IncomingMessage, res: ServerResponse): void {
  const answer = (status: number) => {
    res.writeHead(status, { 'cache-control': 'no-store' });
    res.end();
  };
  const verify = deps.verifyProviderEvent;
  if (!verify) return answer(404);
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      answer(413);
      req.destroy();
    } else chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const signature = String(req.headers[SIGNATURE_HEADER] ?? '');
    const timestamp = String(req.headers[TIMESTAMP_HEADER] ?? '');
    const age = Date.now() / 1000 - Number(timestamp);
    if (!signature || !(Math.abs(age) <= MAX_AGE_SECONDS) || !verify(body, signature, timestamp)) return answer(403);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400);
    }
    const parsed = z.array(event).max(10_000).safeParse(json);
    if (!parsed.success) return answer(400);
    deps.warehouse
      .transaction(async (conn) => {
        for (const e of parsed.data) {
          const reason = SUPPRESSING[e.event];
          if (!reason) continue;
          await suppressAddress(conn, e.email, reason, e.reason ?? null);
          if (e.outbox_id) await markOutbox(conn, e.outbox_id, 'bounced', `${e.event}: ${e.reason ?? ''}`.trim());
        }
      })
      .then(
        () => answer(204),
        () => answer(500),
      );
  });
}
