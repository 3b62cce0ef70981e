// App layer: users and their profiles.
import { DOUBLE, LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { queryRows } from './db.js';
import { CURRENCIES, convert, defaultFxTable } from '../activities/normalize/fx.js';
import { comparableMonthlyPay } from '../models/matcher/features.js';

export const SALARY_FLOOR_CONTRACTS = ['clt', 'pj'] as const;
export const ACCEPTED_CONTRACTS = ['clt', 'pj', 'contractor', 'freelance', 'internship'] as const;

export const profileSchema = z.object({
  userId: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  country: z.string().length(2).nullable(),
  timezone: z.string().max(64).nullable(),
  yearsExperience: z.number().min(0).max(60),
  seniority: z.enum(['junior', 'mid', 'senior', 'lead']).nullable(),
  skills: z.array(z.string().min(1).max(80)).max(500),
  /** What the matcher compares: monthly USD, PJ-equivalent. Derived from salaryFloor when that is given. */
  salaryFloorUsdMonth: z.number().min(0).max(1_000_000).nullable(),
  /** The floor as the person states it: a monthly amount in their currency, as a CLT or PJ figure (null: as is). */
  salaryFloor: z
    .object({ amount: z.number().min(0).max(100_000_000), currency: z.enum(CURRENCIES), contract: z.enum(SALARY_FLOOR_CONTRACTS).nullable() })
    .nullable()
    .optional(),
  remoteScopes: z.array(z.enum(['global', 'latam', 'americas', 'brazil', 'countries'])).max(5),
  languages: z.array(z.string().min(2).max(8)).max(20),
  /** Contracts the person accepts; empty: any. Matches with another known contract are left out of their list. */
  contractTypes: z.array(z.enum(ACCEPTED_CONTRACTS)).max(ACCEPTED_CONTRACTS.length).default([]),
  // Typed as a comma-separated list: an empty entry (a trailing comma) is dropped, not refused.
  targetRoles: z.array(z.string().trim().max(80)).max(10).default([]).transform((roles) => roles.filter(Boolean)),
});
export type Profile = z.output<typeof profileSchema> & { salaryFloor: NonNullable<z.output<typeof profileSchema>['salaryFloor']> | null };
export type ProfileInput = z.input<typeof profileSchema>;

/**
 * Creates or replaces a user's profile. A stated salary floor (an object) wins over salaryFloorUsdMonth,
 * which is then derived from it (converted at the shipped FX table, a CLT figure made PJ-equivalent); a
 * caller sending no stated floor and a salaryFloorUsdMonth states it in USD; no floor is both null. `updated_at` moves only when something
 * the matcher reads changed, so rescoring stays incremental.
 */
export async function upsertProfile(conn: DuckDBConnection, input: ProfileInput): Promise<void> {
  const p = profileSchema.parse(input);
  const floor = p.salaryFloor ?? (p.salaryFloorUsdMonth === null ? null : { amount: p.salaryFloorUsdMonth, currency: 'USD' as const, contract: null });
  const floorUsd = floor === null ? null : Math.min(1_000_000, comparableMonthlyPay(convert(floor.amount, floor.currency, 'USD', defaultFxTable()), floor.contract));
  await conn.run(
    `INSERT INTO users (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name`,
    [p.userId, p.displayName],
  );
  await conn.run(
    `INSERT INTO profiles AS old (user_id, skills, years_experience, seniority, country, timezone, salary_floor_usd_month,
                          remote_scopes, languages, salary_floor_amount, salary_floor_currency, salary_floor_contract,
                          contract_types, target_roles, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
     ON CONFLICT (user_id) DO UPDATE SET skills = excluded.skills, years_experience = excluded.years_experience,
       seniority = excluded.seniority, country = excluded.country, timezone = excluded.timezone,
       salary_floor_usd_month = excluded.salary_floor_usd_month, remote_scopes = excluded.remote_scopes,
       languages = excluded.languages, salary_floor_amount = excluded.salary_floor_amount,
       salary_floor_currency = excluded.salary_floor_currency, salary_floor_contract = excluded.salary_floor_contract,
       contract_types = excluded.contract_types, target_roles = excluded.target_roles,
       updated_at = CASE
         WHEN old.skills IS DISTINCT FROM excluded.skills OR old.years_experience IS DISTINCT FROM excluded.years_experience
           OR old.seniority IS DISTINCT FROM excluded.seniority OR old.country IS DISTINCT FROM excluded.country
           OR old.timezone IS DISTINCT FROM excluded.timezone
           OR old.salary_floor_usd_month IS DISTINCT FROM excluded.salary_floor_usd_month
           OR old.remote_scopes IS DISTINCT FROM excluded.remote_scopes OR old.languages IS DISTINCT FROM excluded.languages
         THEN now() ELSE old.updated_at END`,
    [
      p.userId,
      listValue([...p.skills].sort()),
      p.yearsExperience,
      p.seniority,
      p.country,
      p.timezone,
      floorUsd,
      listValue(p.remoteScopes),
      listValue(p.languages),
      floor?.amount ?? null,
      floor?.currency ?? null,
      floor?.contract ?? null,
      listValue(p.contractTypes),
      listValue(p.targetRoles),
    ],
    // Typed, since any list may be empty.
    [VARCHAR, LIST(VARCHAR), DOUBLE, VARCHAR, VARCHAR, VARCHAR, DOUBLE, LIST(VARCHAR), LIST(VARCHAR), DOUBLE, VARCHAR, VARCHAR, LIST(VARCHAR), LIST(VARCHAR)],
  );
}

export async function getProfile(conn: DuckDBConnection, userId: string): Promise<Profile | null> {
  const [row] = await queryRows<Omit<Profile, 'salaryFloor'> & { floorAmount: number | null; floorCurrency: Profile['salaryFloor'] extends infer F ? (F extends { currency: infer C } ? C : never) : never; floorContract: 'clt' | 'pj' | null }>(
    conn,
    `SELECT p.user_id AS "userId", u.display_name AS "displayName", p.country, p.timezone,
            p.years_experience AS "yearsExperience", p.seniority, p.skills,
            p.salary_floor_usd_month AS "salaryFloorUsdMonth", p.remote_scopes AS "remoteScopes", p.languages,
            p.salary_floor_amount AS "floorAmount", p.salary_floor_currency AS "floorCurrency",
            p.salary_floor_contract AS "floorContract",
            coalesce(p.contract_types, []) AS "contractTypes", coalesce(p.target_roles, []) AS "targetRoles"
     FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = $1`,
    [userId],
  );
  if (!row) return null;
  const { floorAmount, floorCurrency, floorContract, ...profile } = row;
  return { ...profile, salaryFloor: floorAmount === null ? null : { amount: floorAmount, currency: floorCurrency, contract: floorContract } };
}

/** The contracts a user accepts (empty: any): one narrow read, for the match list's every request. */
export async function acceptedContracts(conn: DuckDBConnection, userId: string): Promise<string[]> {
  const [row] = await queryRows<{ contracts: string[] }>(conn, 'SELECT coalesce(contract_types, []) AS contracts FROM profiles WHERE user_id = $1', [userId]);
  return row?.contracts ?? [];
}

/** acceptedContracts of each of these users (those without a profile accept any). */
export async function acceptedContractsOf(conn: DuckDBConnection, userIds: string[]): Promise<Map<string, string[]>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ userId: string; contracts: string[] }>(
    conn,
    'SELECT user_id AS "userId", coalesce(contract_types, []) AS contracts FROM profiles WHERE user_id IN (SELECT unnest($1::VARCHAR[]))',
    [listValue(userIds)],
  );
  const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
  for (const row of rows) byUser.set(row.userId, row.contracts);
  return byUser;
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
