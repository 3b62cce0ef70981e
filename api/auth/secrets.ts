import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

/** A random token for a cookie or a link: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the warehouse keeps of a token: enough to recognise it, never enough to use it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow for an attacker, ~20 ms here.
// `algorithm: 2` is Algorithm.Argon2id: the package declares it as a const enum, which isolated modules cannot import.
const ARGON2: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash, still spend the time of a verification, so response time does not reveal which e-mails exist.
  if (!stored) {
    await hash(password, ARGON2);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
