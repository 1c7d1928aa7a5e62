-- The home page's totals read the kept customer_balances rows (20,000 on the M-sized book) instead of every document
-- (a million). The one figure they did not hold is the number of open invoices: each row now keeps its customer's,
-- exact at every commit like the balance. Safe to run twice: nothing here fails or changes on a second run.

alter table customer_balances add column if not exists open_invoices integer not null default 0;

-- As in 0007, plus the count. A change brings a document's new open amount and takes away its old one negated, and
-- an open amount is never negative (ck_documents_allocated), so sign() counts +1 for an open invoice arriving and -1
-- for one leaving; an invoice that stays open, or stays settled, adds nothing.
create or replace function customer_balances_apply(changes document_open_change[]) returns void language plpgsql as $$
begin
    lock table customer_balances in row exclusive mode;
    update customer_balances b
    set overdue = b.overdue + p.overdue, unapplied = b.unapplied + p.unapplied, open_invoices = b.open_invoices + p.open_invoices
    from (
        select c.customer_id,
               coalesce(sum(c.open) filter (where c.kind in ('Invoice', 'Fee', 'Interest') and c.due_date < b2.overdue_as_of), 0) as overdue,
               coalesce(sum(c.open) filter (where c.kind in ('Payment', 'CreditNote')), 0) as unapplied,
               coalesce(sum(sign(c.open)) filter (where c.kind = 'Invoice'), 0)::integer as open_invoices
        from unnest(changes) c join customer_balances b2 on b2.customer_id = c.customer_id
        group by c.customer_id
    ) p
    where b.customer_id = p.customer_id and (p.overdue <> 0 or p.unapplied <> 0 or p.open_invoices <> 0);
end $$;

-- The book as it stands.
update customer_balances b set open_invoices = x.open_invoices
from (
    select customer_id, count(*)::integer as open_invoices
    from documents
    where reversed_at is null and kind = 'Invoice' and allocated_amount + written_off_amount < amount
    group by customer_id
) x
where b.customer_id = x.customer_id and b.open_invoices <> x.open_invoices;
