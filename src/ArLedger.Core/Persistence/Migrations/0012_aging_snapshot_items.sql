-- The open items behind every cell of an aging snapshot, kept when it is taken, so its drill-down shows the
-- invoices as they were known then and adds up to the stored cell whatever is back-dated afterwards.
-- Rebuilding them from the ledger's recorded times cannot promise that: a row is stamped with the writer's clock
-- before its transaction commits (an import stamps every row at its start), and each web node has its own clock,
-- so a row stamped before the snapshot may commit after it was read.
-- Snapshots taken before this file have lines and no items; their drill-down is recomputed and says so.
create table aging_snapshot_items (
    snapshot_id bigint not null constraint fk_aging_snapshot_items_snapshot_id references aging_snapshots (id),
    customer_id bigint not null,
    document_id bigint not null constraint fk_aging_snapshot_items_document_id references documents (id),
    -- The bucket's index, -1 for an unapplied credit.
    bucket smallint not null,
    -- Negative for a credit, as the report shows it.
    open_amount numeric(14,2) not null,
    -- A drill-down reads one customer of one snapshot.
    constraint pk_aging_snapshot_items primary key (snapshot_id, customer_id, document_id)
);

create trigger aging_snapshot_items_append_only before update or delete on aging_snapshot_items
    for each row execute function refuse_change();
