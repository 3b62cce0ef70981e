import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { insertAccount } from '../../warehouse/accounts.js';
import { upsertProfile, type Profile } from '../../warehouse/app.js';
import { setEmailPreferences } from '../../warehouse/notifications.js';
import { PROJECT_ROOT } from '../config.js';

/** Three job seekers who opted in to digests and alerts, one per language the product speaks. */
export const EMAIL_POPULATION = [
  { id: 'u-pt', email: 'joao@example.com', name: 'João Araújo', locale: 'pt-BR' },
  { id: 'u-es', email: 'lucia@example.com', name: 'Lucía Peña', locale: 'es' },
  { id: 'u-en', email: 'sam@example.com', name: 'Sam Taylor', locale: 'en' },
] as const;

export async function seedEmailPopulation(conn: DuckDBConnection): Promise<void> {
  const demo = JSON.parse(readFileSync(join(PROJECT_ROOT, 'fixtures/profiles/demo.json'), 'utf8')) as Profile;
  for (const user of EMAIL_POPULATION) {
    await insertAccount(conn, { id: user.id, email: user.email, display_name: user.name, locale: user.locale, password_hash: null });
    await upsertProfile(conn, { ...demo, userId: user.id, displayName: user.name });
    await setEmailPreferences(conn, user.id, { emailDigest: true, matchAlerts: true, alertThreshold: 0.5 });
  }
}
