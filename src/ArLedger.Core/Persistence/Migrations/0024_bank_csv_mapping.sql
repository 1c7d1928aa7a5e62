-- The column layout of a bank's online-banking CSV exports, saved with the account its files are for.
alter table bank_accounts add column csv_mapping jsonb;
