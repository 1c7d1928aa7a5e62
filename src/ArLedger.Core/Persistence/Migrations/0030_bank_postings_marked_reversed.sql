-- Undoing a posted bank line reversed its payment (or refund) but, until this release, did not mark the line's posting
-- row reversed: the row was detached from the unit of work before it was saved. Marks every such row now, with the
-- moment and the person of its document's reversal. Safe to run twice: it only touches rows still unmarked.
update bank_line_postings p
set reversed_at = d.reversed_at,
    reversed_by = coalesce((
        select e.created_by from ledger_entries e
        where e.document_id = d.id and e.kind = 'Reversal'
        order by e.id desc limit 1), 'system')
from documents d
where d.id = p.payment_id and d.reversed_at is not null and p.reversed_at is null;
