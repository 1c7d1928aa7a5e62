-- Indexes for the invoice list (sorted, keyset-paged, searched) and the invoice page (its credit notes and history).
-- Partial on kind = 'Invoice': the list reads invoices only, and payments would double the size of each index.

create extension if not exists pg_trgm;

create index ix_documents_invoices_by_date on documents (document_date, id) where kind = 'Invoice';
create index ix_documents_invoices_by_due_date on documents (due_date, id) where kind = 'Invoice';
create index ix_documents_invoices_by_amount on documents (amount, id) where kind = 'Invoice';
-- Written-off invoices are few; the "written off" filter should not read the whole list to find them.
create index ix_documents_invoices_written_off on documents (document_date, id) where kind = 'Invoice' and written_off_amount > 0;

-- "Contains" search on invoice numbers and references ('000123' finds FA-000123) without reading every invoice.
create index ix_documents_invoices_number_trgm on documents using gin (number gin_trgm_ops) where kind = 'Invoice';
create index ix_documents_invoices_reference_trgm on documents using gin (reference gin_trgm_ops)
    where kind = 'Invoice' and reference is not null;

-- Credit notes, fees and interest that name an invoice.
create index ix_documents_invoice_id on documents (invoice_id) where invoice_id is not null;

-- The history of one document or allocation.
create index ix_audit_events_entity_type_entity_id on audit_events (entity_type, entity_id);
