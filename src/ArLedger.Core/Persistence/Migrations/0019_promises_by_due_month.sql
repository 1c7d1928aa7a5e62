-- The home page counts the promises kept and broken by the month they were due.
create index if not exists ix_promises_promised_date_decided on promises (promised_date) include (status) where decided_at is not null;
