-- The search index's word rows are now stored sorted by word a batch at a time (search-index.ts): the
-- table is its last full sort followed by sorted runs, and a word's rows sit in one or two row groups
-- of each run. What a lookup costs grows with the number of runs, not with their rows, so the re-sort
-- that merges them is due after so many runs; a first build no longer needs one.
ALTER TABLE search_index_state ADD COLUMN appended_runs INTEGER DEFAULT 0; -- sorted runs appended since the last full sort
