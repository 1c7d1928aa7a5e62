-- The managers' dashboard on the home page reads these on every visit, so each figure is an index read, not a scan of
-- the book. Safe to run twice: every index is created only if missing.

-- DSO's credit sales: invoices by date, carrying what the sum needs (amount, and when reversed, so a past month end
-- still counts an invoice reversed after it), read index-only. 90 days of a million-invoice book is ~165,000 entries.
create index if not exists ix_documents_invoice_sales on documents (document_date) include (amount, reversed_at)
    where kind = 'Invoice';

-- Cash received in a month: payments by value date.
create index if not exists ix_documents_payments_by_value_date on documents (value_date) include (amount)
    where kind = 'Payment' and reversed_at is null;

-- Promises kept or broken in a month, by when they were decided.
create index if not exists ix_promises_decided_at on promises (decided_at) include (status) where decided_at is not null;

-- Open disputes, counted and summed from the index alone.
create index if not exists ix_disputes_open on disputes (amount) where status = 'Open';

-- Dunning letters sent in a month.
create index if not exists ix_dunning_proposals_sent_at on dunning_proposals (sent_at) where status = 'Sent';
