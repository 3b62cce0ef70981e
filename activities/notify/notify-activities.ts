import { join } from 'node:path';
import { EventWebhook } from '@sendgrid/eventwebhook';
import type { Config } from '../../cli/config.js';
import type { Warehouse } from '../../warehouse/db.js';
import { loadTaxonomy } from '../normalize/skill-taxonomy.js';
import { asActivity } from '../temporal-wrap.js';
import { composeMatchAlerts, composeWeeklyDigest, digestRecipientIds, periodEndFor, type ComposeDeps } from './compose.js';
import { deliverEmail, type DeliveryDeps, type DeliveryResult } from './deliver.js';
import { signingKey, unsubscribeToken, verifyUnsubscribeToken } from './signed-link.js';
import { localOutboxTransport, sendgridTransport } from './transport.js';

export type NotifyDeps = ComposeDeps &
  DeliveryDeps & {
    /** The user an unsubscribe link's token names, or null when this deployment did not sign it. */
    verifyUnsubscribe: (token: string) => string | null;
    /** Checks a SendGrid Event Webhook signature; null without SENDGRID_WEBHOOK_PUBLIC_KEY. */
    verifyProviderEvent: ((body: Buffer, signature: string, timestamp: string) => boolean) | null;
  };

function providerEventVerifier(publicKey: string | undefined): NotifyDeps['verifyProviderEvent'] {
  if (!publicKey) return null;
  const webhook = new EventWebhook();
  const key = webhook.convertPublicKeyToECDSA(publicKey);
  return (body, signature, timestamp) => {
    try {
      return webhook.verifySignature(key, body, signature, timestamp);
    } catch {
      return false;
    }
  };
}

/**
 * Wires e-mail from the configuration: SendGrid when SENDGRID_API_KEY is set, else the local outbox
 * folder; unsubscribe links signed with the deployment's key.
 */
export function notifyDeps(config: Config, warehouse: Warehouse, env: NodeJS.ProcessEnv = process.env): NotifyDeps {
  const key = signingKey(env.EMAIL_SIGNING_SECRET, join(config.dataDir, 'secrets', 'email-signing.key'));
  const apiKey = env.SENDGRID_API_KEY;
  const transport = apiKey ? sendgridTransport({ apiKey, baseUrl: env.SENDGRID_BASE_URL }) : localOutboxTransport(join(config.dataDir, 'outbox'));
  const names = new Map(loadTaxonomy().skills.map((s) => [s.id, s.name]));
  return {
    warehouse,
    transport,
    from: env.EMAIL_FROM ?? 'Vagas AI LATAM <no-reply@vagas-ai-latam.invalid>',
    appUrl: config.publicUrl,
    unsubscribeUrl: (userId) => `${config.publicUrl}/unsubscribe?token=${unsubscribeToken(key, userId)}`,
    verifyUnsubscribe: (token) => verifyUnsubscribeToken(key, token),
    verifyProviderEvent: providerEventVerifier(env.SENDGRID_WEBHOOK_PUBLIC_KEY),
    skillName: (id) => names.get(id) ?? id,
  };
}

export function createNotifyActivities(deps: NotifyDeps) {
  return {
    /** Who gets this week's digest, and the period's name (the São Paulo date it goes out). */
    planWeeklyDigest: (input: { at: string }): Promise<{ periodEnd: string; userIds: string[] }> =>
      asActivity(async () => ({ periodEnd: periodEndFor(new Date(input.at)), userIds: await digestRecipientIds(deps) })),
    composeWeeklyDigest: (input: { userId: string; periodEnd: string }): Promise<string | null> =>
      asActivity(() => composeWeeklyDigest(deps, input.userId, input.periodEnd)),
    composeMatchAlerts: (input: { runId: string }): Promise<string[]> => asActivity(() => composeMatchAlerts(deps, input.runId)),
    deliverEmail: (input: { outboxId: string }): Promise<DeliveryResult> => asActivity(() => deliverEmail(deps, input.outboxId)),
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
