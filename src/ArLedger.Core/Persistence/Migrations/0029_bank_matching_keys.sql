-- Matching a bank statement reads only the open debits the statement can concern (OpenBook): those of the customers
-- its payers point to, those whose number its texts name, and those whose open amount is a line's amount. The
-- customers' ones are found by ix_documents_open_debits; these two indexes find the others without reading the book.
-- Safe to run twice.

-- A document number as matching compares it (AllocationProposal.Key, checked against it by a test): capitals and
-- digits only, without the zeros that start a run of digits, so "FA-000123" and "fa123" are one key.
create or replace function document_number_key(number text) returns text language sql immutable strict parallel safe
    return regexp_replace(regexp_replace(upper(number), '[^A-Z0-9]', '', 'g'), '(^|[A-Z])0+', '\1', 'g');

create index if not exists ix_documents_open_debits_by_key on documents (document_number_key(number))
    where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest', 'Refund') and allocated_amount + written_off_amount < amount;

create index if not exists ix_documents_open_debits_by_open on documents ((amount - allocated_amount - written_off_amount))
    where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest', 'Refund') and allocated_amount + written_off_amount < amount;
