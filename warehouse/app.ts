// App layer: users and their profiles.
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows } from './db.js';

export const profileSchema = z.object({
  userId: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  country: z.string().length(2).nullable(),
  timezone: z.string().max(64).nullable(),
  yearsExperience: z.number().min(0).max(60),
  seniority: z.enum(['junior', 'mid', 'senior', 'lead']).nullable(),
  skills: z.array(z.string().min(1).max(80)).max(500),
  salaryFloorUsdMonth: z.number().min(0).max(1_000_000).nullable(),
  remoteScopes: z.array(z.enum(['global', 'latam', 'americas', 'brazil', 'countries'])).max(5),
  languages: z.array(z.string().min(2).max(8)).max(20),
});
export type Profile = z.infer<typeof profileSchema>;

/** Creates or replaces a user's profile; `updated_at` moves only when something changed, so rescoring stays incremental. */
export async function upsertProfile(conn: DuckDBConnection, input: Profile): Promise<void> {
  const p = profileSchema.parse(input);
  await conn.run(
    `INSERT INTO users (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name`,
    [p.userId, p.displayName],
  );
  await conn.run(
    `INSERT INTO profiles AS old (user_id, skills, years_experience, seniority, country, timezone,
                          salary_floor_usd_month, remote_scopes, languages, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     ON CONFLICT (user_id) DO UPDATE SET skills = excluded.skills, years_experience = excluded.years_experience,
       seniority = excluded.seniority, country = excluded.country, timezone = excluded.timezone,
       salary_floor_usd_month = excluded.salary_floor_usd_month, remote_scopes = excluded.remote_scopes,
       languages = excluded.languages, updated_at = now()
     WHERE old.skills IS DISTINCT FROM excluded.skills OR old.years_experience IS DISTINCT FROM excluded.years_experience
        OR old.seniority IS DISTINCT FROM excluded.seniority OR old.country IS DISTINCT FROM excluded.country
        OR old.timezone IS DISTINCT FROM excluded.timezone
        OR old.salary_floor_usd_month IS DISTINCT FROM excluded.salary_floor_usd_month
        OR old.remote_scopes IS DISTINCT FROM excluded.remote_scopes OR old.languages IS DISTINCT FROM excluded.languages`,
    [
      p.userId,
      listValue([...p.skills].sort()),
      p.yearsExperience,
      p.seniority,
      p.country,
      p.timezone,
      p.salaryFloorUsdMonth,
      listValue(p.remoteScopes),
      listValue(p.languages),
    ],
  );
}

export async function getProfile(conn: DuckDBConnection, userId: string): Promise<Profile | null> {
  const [row] = await queryRows<Profile>(
    conn,
    `SELECT p.user_id AS "userId", u.display_name AS "displayName", p.country, p.timezone,
            p.years_experience AS "yearsExperience", p.seniority, p.skills,
            p.salary_floor_usd_month AS "salaryFloorUsdMonth", p.remote_scopes AS "remoteScopes", p.languages
     FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = $1`,
    [userId],
  );
  return row ?? null;
}

export interface Feedback {
  clusterId: string;
  saved: boolean;
  dismissed: boolean;
  rating: number | null;
}

/** Changes only the fields given; the others keep their value. */
export async function setFeedback(
  conn: DuckDBConnection,
  userId: string,
  f: { clusterId: string; saved?: boolean; dismissed?: boolean; rating?: number | null },
): Promise<void> {
  await conn.run(
    `INSERT INTO feedback AS old (user_id, cluster_id, saved, dismissed, rating, updated_at)
     VALUES ($1, $2, coalesce($3, false), coalesce($4, false), $5, now())
     ON CONFLICT (user_id, cluster_id) DO UPDATE SET
       saved = coalesce($3, old.saved), dismissed = coalesce($4, old.dismissed),
       rating = CASE WHEN $6 THEN $5 ELSE old.rating END, updated_at = now()`,
    [userId, f.clusterId, f.saved ?? null, f.dismissed ?? null, f.rating ?? null, f.rating !== undefined],
  );
}

export async function listFeedback(conn: DuckDBConnection, userId: string, only: { saved?: boolean; dismissed?: boolean }): Promise<Feedback[]> {
  return queryRows<Feedback>(
    conn,
    `SELECT cluster_id AS "clusterId", saved, dismissed, rating FROM feedback
     WHERE user_id = $1 AND ($2::BOOLEAN IS NULL OR saved = $2) AND ($3::BOOLEAN IS NULL OR dismissed = $3)
     ORDER BY updated_at DESC`,
    [userId, only.saved ?? null, only.dismissed ?? null],
  );
}
