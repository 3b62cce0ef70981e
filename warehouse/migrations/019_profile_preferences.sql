-- Preferences a job seeker sets beside the profile the matcher reads: the salary floor as they think
-- of it (amount, currency and whether it is a CLT or PJ figure; salary_floor_usd_month stays the
-- comparable monthly USD value the matcher uses, derived from it), the contracts they accept and the
-- roles they aim for. Lists are NULL for profiles saved before this migration and read as empty.
ALTER TABLE profiles ADD COLUMN salary_floor_amount DOUBLE;
ALTER TABLE profiles ADD COLUMN salary_floor_currency VARCHAR;
ALTER TABLE profiles ADD COLUMN salary_floor_contract VARCHAR;  -- clt | pj | NULL (stated as is)
ALTER TABLE profiles ADD COLUMN contract_types VARCHAR[];       -- accepted contracts; empty: any
ALTER TABLE profiles ADD COLUMN target_roles VARCHAR[];

UPDATE profiles SET salary_floor_amount = salary_floor_usd_month, salary_floor_currency = 'USD'
WHERE salary_floor_usd_month IS NOT NULL;
