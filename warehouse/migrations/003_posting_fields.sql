-- Everything the normalize stage now derives per posting, each with its evidence in `evidence`.
-- normalizer_version lets a newer normalizer re-derive old rows from raw_postings without refetching.

ALTER TABLE postings ADD COLUMN normalizer_version INTEGER DEFAULT 1; -- DuckDB cannot add NOT NULL columns
ALTER TABLE postings ADD COLUMN language VARCHAR;               -- pt | es | en
ALTER TABLE postings ADD COLUMN remote_countries VARCHAR[];     -- ISO 3166-1 alpha-2, when scope = countries
ALTER TABLE postings ADD COLUMN location_countries VARCHAR[];
ALTER TABLE postings ADD COLUMN location_cities VARCHAR[];
ALTER TABLE postings ADD COLUMN tz_min_utc_offset DOUBLE;       -- hours
ALTER TABLE postings ADD COLUMN tz_max_utc_offset DOUBLE;
ALTER TABLE postings ADD COLUMN years_required DOUBLE;
ALTER TABLE postings ADD COLUMN employment_type VARCHAR;        -- full_time | part_time | contract | internship | temporary
ALTER TABLE postings ADD COLUMN contract_type VARCHAR;          -- clt | pj | contractor | freelance | internship
ALTER TABLE postings ADD COLUMN salary_min DOUBLE;              -- in salary_currency per salary_period, as stated
ALTER TABLE postings ADD COLUMN salary_max DOUBLE;
ALTER TABLE postings ADD COLUMN salary_currency VARCHAR;
ALTER TABLE postings ADD COLUMN salary_period VARCHAR;
ALTER TABLE postings ADD COLUMN salary_usd_month_min DOUBLE;
ALTER TABLE postings ADD COLUMN salary_usd_month_max DOUBLE;
ALTER TABLE postings ADD COLUMN salary_brl_month_min DOUBLE;
ALTER TABLE postings ADD COLUMN salary_brl_month_max DOUBLE;
ALTER TABLE postings ADD COLUMN fx_date DATE;
ALTER TABLE postings ADD COLUMN skills_required VARCHAR[];
ALTER TABLE postings ADD COLUMN skills_nice VARCHAR[];
ALTER TABLE postings ADD COLUMN quality_ok BOOLEAN;
ALTER TABLE postings ADD COLUMN quality_flags JSON;
