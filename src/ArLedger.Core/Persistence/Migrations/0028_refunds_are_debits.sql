-- A refund is a debit, as an invoice, a fee or interest is: one whose credit was taken back (the allocation that
-- consumed it reversed) stands open, owed by the customer, and counts in the kept overdue figure and in the index of
-- open debits that the overdue figure, the worklist and matching read. Safe to run twice.

-- As in 0011, with refunds among the debits that fall overdue.
create or replace function customer_balances_apply(changes document_open_change[]) returns void language plpgsql as $$
begin
    lock table customer_balances in row exclusive mode;
    update customer_balances b
    set overdue = b.overdue + p.overdue, unapplied = b.unapplied + p.unapplied, open_invoices = b.open_invoices + p.open_invoices
    from (
        select c.customer_id,
               coalesce(sum(c.open) filter (where c.kind in ('Invoice', 'Fee', 'Interest', 'Refund') and c.due_date < b2.overdue_as_of), 0) as overdue,
               coalesce(sum(c.open) filter (where c.kind in ('Payment', 'CreditNote')), 0) as unapplied,
               coalesce(sum(sign(c.open)) filter (where c.kind = 'Invoice'), 0)::integer as open_invoices
        from unnest(changes) c join customer_balances b2 on b2.customer_id = c.customer_id
        group by c.customer_id
    ) p
    where b.customer_id = p.customer_id and (p.overdue <> 0 or p.unapplied <> 0 or p.open_invoices <> 0);
end $$;

drop index if exists ix_documents_open_debits;
create index ix_documents_open_debits on documents (customer_id, due_date)
    include (amount, allocated_amount, written_off_amount)
    where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest', 'Refund') and allocated_amount + written_off_amount < amount;

-- The customers that already have an open refund get their overdue figure as it now counts.
update customer_balances b
set overdue = coalesce((
    select sum(d.amount - d.allocated_amount - d.written_off_amount)
    from documents d
    where d.customer_id = b.customer_id and d.reversed_at is null and d.kind in ('Invoice', 'Fee', 'Interest', 'Refund')
      and d.allocated_amount + d.written_off_amount < d.amount and d.due_date < b.overdue_as_of), 0)
where b.customer_id in (
    select customer_id from documents
    where kind = 'Refund' and reversed_at is null and allocated_amount + written_off_amount < amount);
