-- MinHash signatures of postings, so each dedupe run signs only new or changed postings and compares
-- them with the stored signatures of existing clusters instead of hashing every description again.
-- A row is valid while its posting keeps `content_hash` and the signature scheme keeps `version`
-- (activities/dedupe/minhash.ts signatureVersion); otherwise the stage computes it again and
-- replaces the row. No PRIMARY KEY: maintaining its index cost more than the rest of the insert at a
-- million rows, and the stage deletes a posting's row before writing its new one (warehouse/dedupe-signatures.ts).
CREATE TABLE minhash_signatures (
  posting_id   VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  version      VARCHAR NOT NULL,
  signature    BLOB NOT NULL,        -- the signature's uint32 values, little-endian
  computed_at  TIMESTAMPTZ NOT NULL
);
