import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The key that signs unsubscribe links: EMAIL_SIGNING_SECRET when set, else one generated on first
 * use and kept in the data folder (owner-only), so links in e-mails already sent stay valid across restarts.
 */
export function signingKey(envSecret: string | undefined, keyFile: string): Buffer {
  if (envSecret) {
    if (envSecret.length < 32) throw new Error('EMAIL_SIGNING_SECRET must be at least 32 characters');
    return Buffer.from(envSecret);
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  }
  chmodSync(keyFile, 0o600);
  return Buffer.from(readFileSync(keyFile, 'utf8').trim());
}

const PURPOSE = 'unsubscribe:v1';

function mac(key: Buffer, userId: string): string {
  return createHmac('sha256', key).update(`${PURPOSE}:${userId}`).digest('base64url');
}

/** A token naming a user, that only this deployment can have made: `<user id, base64url>.<HMAC>`. */
export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${Buffer.from(userId).toString('base64url')}.${mac(key, userId)}`;
}

/** The user a token names, or null when it was not made with this key (or is malformed). */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  if (token.length > 300) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const userId = Buffer.from(encoded, 'base64url').toString();
  const expected = Buffer.from(mac(key, userId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
