// What a warehouse must look like after any pipeline run, however it was interrupted: the checks
// the fault tests (worker killed, Temporal restarted, staging corrupted, disk full) and the faults
// benchmark share. DuckDB enforces no foreign keys here, so referential integrity is a query.
import { tableCounts } from '../summary.js';
import { Warehouse } from '../../warehouse/db.js';

/** Each invariant as a query counting the rows that break it; every count must be 0. */
const VIOLATIONS = {
  duplicatePostings: `SELECT count(*) - count(DISTINCT (source_id, external_id)) FROM postings`,
  duplicateClusterMembers: `SELECT count(*) - count(DISTINCT posting_id) FROM cluster_members`,
  membersWithoutPosting: `SELECT count(*) FROM cluster_members m ANTI JOIN postings p ON p.id = m.posting_id`,
  membersWithoutCluster: `SELECT count(*) FROM cluster_members m ANTI JOIN job_clusters c ON c.id = m.cluster_id`,
  postingsWithoutCluster: `SELECT count(*) FROM postings p ANTI JOIN cluster_members m ON m.posting_id = p.id`,
  postingsWithoutRaw: `SELECT count(*) FROM postings p ANTI JOIN raw_postings r
                         ON r.source_id = p.source_id AND r.external_id = p.external_id AND r.content_hash = p.raw_content_hash`,
  clustersWithoutMembers: `SELECT count(*) FROM job_clusters c ANTI JOIN cluster_members m ON m.cluster_id = c.id`,
  wrongMemberCounts: `SELECT count(*) FROM job_clusters c
                        WHERE c.member_count <> (SELECT count(*) FROM cluster_members m WHERE m.cluster_id = c.id)`,
  canonicalNotAMember: `SELECT count(*) FROM job_clusters c ANTI JOIN cluster_members m
                          ON m.cluster_id = c.id AND m.posting_id = c.canonical_posting_id`,
  matchesWithoutCluster: `SELECT count(*) FROM matches x ANTI JOIN job_clusters c ON c.id = x.cluster_id`,
} as const;

export type Violations = Record<keyof typeof VIOLATIONS, number>;

/** The value `violations()` has for a sound warehouse, for `expect(...).toEqual(NO_VIOLATIONS)`. */
export const NO_VIOLATIONS = Object.fromEntries(Object.keys(VIOLATIONS).map((name) => [name, 0])) as Violations;

export async function violations(warehouse: Warehouse): Promise<Violations> {
  const found: Record<string, number> = {};
  for (const [name, sql] of Object.entries(VIOLATIONS)) {
    const [row] = await warehouse.query<{ n: number }>(`SELECT (${sql}) AS n`);
    found[name] = Number(row?.n ?? -1);
  }
  return found as Violations;
}

/**
 * What a run must produce whatever happened during it: table counts, every cluster with its
 * canonical member and size, every posting's cluster, the status of each stage. Run ids, times and
 * health rows differ between runs and are left out.
 */
export async function pipelineOutcome(warehouse: Warehouse) {
  const counts = await tableCounts(warehouse);
  delete counts.source_health;
  return {
    counts,
    clusters: await warehouse.query<{ id: string; canonical_posting_id: string; member_count: number }>(
      'SELECT id, canonical_posting_id, member_count FROM job_clusters ORDER BY id',
    ),
    // One string per posting keeps a 10,000-posting comparison cheap and its diff readable.
    membership: (await warehouse.query<{ m: string }>(`SELECT posting_id || ' ' || cluster_id || ' ' || matched_by AS m FROM cluster_members ORDER BY m`)).map((r) => r.m),
    stages: await warehouse.query<{ stage: string; status: string }>('SELECT stage, status FROM pipeline_runs ORDER BY stage, status'),
  };
}

/**
 * An order-independent checksum of every row of every table, so "nothing stored changed" is
 * checked over whole rows: a changed value anywhere changes its table's sum.
 */
export async function tableChecksums(warehouse: Warehouse): Promise<Record<string, string>> {
  const tables = await warehouse.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY name`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await warehouse.query<{ n: number; sum: string }>(`SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR))::VARCHAR, '0') AS sum FROM "${name}" t`);
    sums[name] = `${row?.n}:${row?.sum}`;
  }
  return sums;
}

/** Opens a warehouse file no other process holds (a stopped worker's), reads it, and closes it. */
export async function readWarehouse<T>(path: string, read: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = await Warehouse.open(path);
  try {
    return await read(warehouse);
  } finally {
    warehouse.close();
  }
}
