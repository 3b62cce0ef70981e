-- An ATS board (Greenhouse, Lever, Ashby, Workable) belongs to one company, and most of their
-- APIs never name it in a job: the operator names it on the source. NULL: the payload must say.
ALTER TABLE sources ADD COLUMN company VARCHAR;
-- A provider's published request limits for this source; NULL: no limit beyond the page pause
-- and one request at a time per host.
ALTER TABLE sources ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE sources ADD COLUMN requests_per_day INTEGER;
