-- Owner-only visibility of jobs from users' own sources (warehouse/core.ts, refreshClusters). A job
-- with a member from a source without an owner (built-in, or an operator's global one) is public:
-- visible_to NULL. A job found only on users' own sources is visible to those owners alone: the
-- list of them (one, unless two users' sources found the same job). Market figures leave them out.
ALTER TABLE job_clusters ADD COLUMN visible_to VARCHAR[];
UPDATE job_clusters SET visible_to = v.owners
FROM (SELECT m.cluster_id, list(DISTINCT s.owner_user_id ORDER BY s.owner_user_id) AS owners
      FROM cluster_members m JOIN postings p ON p.id = m.posting_id LEFT JOIN sources s ON s.id = p.source_id
      GROUP BY m.cluster_id HAVING bool_and(s.owner_user_id IS NOT NULL)) v
WHERE v.cluster_id = job_clusters.id;

-- A public job's card must not come from a user's own posting: its canonical member becomes the
-- first public one, by refreshClusters' order, and updated_at moves so the search index rebuilds it.
-- (This once, in SQL; refreshClusters keeps it so from now on.)
UPDATE job_clusters SET canonical_posting_id = best.id, title = best.title, company = best.company, updated_at = now()
FROM (SELECT m.cluster_id, p.id, p.title, p.company
      FROM cluster_members m JOIN postings p ON p.id = m.posting_id LEFT JOIN sources s ON s.id = p.source_id
      WHERE s.owner_user_id IS NULL
      QUALIFY row_number() OVER (PARTITION BY m.cluster_id
        ORDER BY m.matched_by IN ('first', 'operator_split') DESC, coalesce(p.posted_at, p.normalized_at), p.id) = 1) best
WHERE best.cluster_id = job_clusters.id AND job_clusters.visible_to IS NULL
  AND job_clusters.canonical_posting_id IN (SELECT p.id FROM postings p JOIN sources s ON s.id = p.source_id WHERE s.owner_user_id IS NOT NULL);

-- The search read model filters on it too (warehouse/search-index.ts copies it from job_clusters).
ALTER TABLE search_docs ADD COLUMN visible_to VARCHAR[];
UPDATE search_docs SET visible_to = c.visible_to FROM job_clusters c WHERE c.id = search_docs.cluster_id AND c.visible_to IS NOT NULL;

-- Scores of a job for someone who may not see it were never meant to exist.
DELETE FROM matches USING job_clusters c
WHERE c.id = matches.cluster_id AND c.visible_to IS NOT NULL AND NOT list_contains(c.visible_to, matches.user_id);
