-- The customer list at scale: trigram search, keyset paging by name or account, and a per-customer summary
-- (balance, overdue, unapplied cash, disputed) kept by statement triggers, so the list can filter and sort on
-- what each customer owes without summing a million documents per request.

-- One lower-cased text per customer holds every searchable field, so a search is one LIKE over one trigram
-- index rather than five ILIKEs (five index scans OR-ed, or five pattern matches per row when scanning).
create function customer_search_text(name text, account_number text, legal_id text, statement_email text, dunning_email text)
    returns text language sql immutable parallel safe as $$
    select lower(name || ' ' || account_number || ' ' || coalesce(legal_id, '') || ' '
                 || coalesce(statement_email, '') || ' ' || coalesce(dunning_email, ''))
$$;

-- pg_trgm ships with PostgreSQL's server package and is a trusted extension (the database owner may create it).
-- Where it is missing the search still works, by scanning: 20,000 customers take a few milliseconds.
do $$
begin
    create extension if not exists pg_trgm;
    create index ix_customers_search_trgm on customers
        using gin (customer_search_text(name, account_number, legal_id, statement_email, dunning_email) gin_trgm_ops);
exception when others then
    raise notice 'pg_trgm unavailable (%): customer search falls back to scanning', sqlerrm;
    create index ix_customers_lower_name on customers (lower(name));
end $$;

-- Names sort by the root ICU collation, so "Établissements" files under E and case does not split the list
-- (the database's C collation would put accented and lower-case names after Z).
create index ix_customers_name_id on customers ((name collate "und-x-icu"), id);
create index ix_customers_account_number_id on customers (account_number, id);
create index ix_customers_collector_id on customers (collector_id);

-- Open debit documents only: what the overdue figure and the open items of a customer read.
create index ix_documents_open_debits on documents (customer_id, due_date)
    include (amount, allocated_amount, written_off_amount)
    where reversed_at is null and kind in ('Invoice', 'Fee', 'Interest') and allocated_amount + written_off_amount < amount;

-- One row per customer. balance, unapplied and disputed are exact at every commit. overdue is exact as of
-- overdue_as_of: time makes invoices overdue without any write, so the application recomputes the rows whose
-- date is not its today (CustomerBalances.RefreshOverdueAsync) before it reads them.
create table customer_balances (
    customer_id bigint not null constraint pk_customer_balances primary key
        constraint fk_customer_balances_customer_id references customers (id),
    balance numeric(14,2) not null default 0,
    overdue numeric(14,2) not null default 0,
    overdue_as_of date not null,
    unapplied numeric(14,2) not null default 0,
    disputed numeric(14,2) not null default 0
);
create index ix_customer_balances_balance on customer_balances (balance, customer_id);
create index ix_customer_balances_overdue on customer_balances (overdue, customer_id);
create index ix_customer_balances_overdue_as_of on customer_balances (overdue_as_of);

-- A new customer owes nothing; '-infinity' makes its overdue stale, so the first read computes it.
create function customer_balances_on_customers() returns trigger language plpgsql as $$
begin
    insert into customer_balances (customer_id, overdue_as_of) select id, '-infinity' from new_rows;
    return null;
end $$;
create trigger customers_balances after insert on customers
    referencing new table as new_rows for each statement execute function customer_balances_on_customers();

-- Ledger entries are append-only: the balance only ever moves by the entries inserted.
create function customer_balances_on_ledger_entries() returns trigger language plpgsql as $$
begin
    update customer_balances b set balance = b.balance + x.delta
    from (select customer_id, sum(debit - credit) as delta from new_rows group by customer_id) x
    where b.customer_id = x.customer_id and x.delta <> 0;
    return null;
end $$;
create trigger ledger_entries_balances after insert on ledger_entries
    referencing new table as new_rows for each statement execute function customer_balances_on_ledger_entries();

-- Documents move overdue (debits due before the row's date) and unapplied cash (credits) by the change of their
-- open amount. The lock comes first so that the update below sees a concurrent overdue refresh committed: the
-- refresh holds a lock that conflicts with this one until it commits.
create type document_open_change as (customer_id bigint, kind text, due_date date, open numeric);

create function customer_balances_apply(changes document_open_change[]) returns void language plpgsql as $$
begin
    lock table customer_balances in row exclusive mode;
    update customer_balances b set overdue = b.overdue + p.overdue, unapplied = b.unapplied + p.unapplied
    from (
        select c.customer_id,
               coalesce(sum(c.open) filter (where c.kind in ('Invoice', 'Fee', 'Interest') and c.due_date < b2.overdue_as_of), 0) as overdue,
               coalesce(sum(c.open) filter (where c.kind in ('Payment', 'CreditNote')), 0) as unapplied
        from unnest(changes) c join customer_balances b2 on b2.customer_id = c.customer_id
        group by c.customer_id
    ) p
    where b.customer_id = p.customer_id and (p.overdue <> 0 or p.unapplied <> 0);
end $$;

create function document_open(reversed_at timestamptz, amount numeric, allocated numeric, written_off numeric)
    returns numeric language sql immutable as $$
    select case when reversed_at is null then amount - allocated - written_off else 0 end
$$;

create function customer_balances_on_documents_insert() returns trigger language plpgsql as $$
begin
    perform customer_balances_apply(array(
        select row(n.customer_id, n.kind, n.due_date,
                   document_open(n.reversed_at, n.amount, n.allocated_amount, n.written_off_amount))::document_open_change
        from new_rows n));
    return null;
end $$;
create trigger documents_balances_insert after insert on documents
    referencing new table as new_rows for each statement execute function customer_balances_on_documents_insert();

-- The old state leaves and the new one arrives, each with its own due date.
create function customer_balances_on_documents_update() returns trigger language plpgsql as $$
begin
    perform customer_balances_apply(array(
        select row(n.customer_id, n.kind, n.due_date,
                   document_open(n.reversed_at, n.amount, n.allocated_amount, n.written_off_amount))::document_open_change
        from new_rows n
        union all
        select row(o.customer_id, o.kind, o.due_date,
                   -document_open(o.reversed_at, o.amount, o.allocated_amount, o.written_off_amount))::document_open_change
        from old_rows o));
    return null;
end $$;
create trigger documents_balances_update after update on documents
    referencing old table as old_rows new table as new_rows for each statement execute function customer_balances_on_documents_update();

-- An open dispute counts its amount; resolving it (or changing its amount) moves the figure.
create function customer_balances_add_disputed(customer_ids bigint[], deltas numeric[]) returns void language sql as $$
    update customer_balances b set disputed = b.disputed + x.delta
    from (select customer_id, sum(delta) as delta from unnest(customer_ids, deltas) as c(customer_id, delta) group by customer_id) x
    where b.customer_id = x.customer_id and x.delta <> 0
$$;

create function customer_balances_on_disputes_insert() returns trigger language plpgsql as $$
begin
    perform customer_balances_add_disputed(
        array(select customer_id from new_rows where status = 'Open'),
        array(select amount from new_rows where status = 'Open'));
    return null;
end $$;
create trigger disputes_balances_insert after insert on disputes
    referencing new table as new_rows for each statement execute function customer_balances_on_disputes_insert();

create function customer_balances_on_disputes_update() returns trigger language plpgsql as $$
declare
    c bigint[];
    d numeric[];
begin
    select array_agg(customer_id), array_agg(delta) into c, d from (
        select customer_id, amount as delta from new_rows where status = 'Open'
        union all
        select customer_id, -amount from old_rows where status = 'Open') x;
    perform customer_balances_add_disputed(coalesce(c, '{}'), coalesce(d, '{}'));
    return null;
end $$;
create trigger disputes_balances_update after update on disputes
    referencing old table as old_rows new table as new_rows for each statement execute function customer_balances_on_disputes_update();

-- The book as it stands; overdue is left stale for the application's first read.
insert into customer_balances (customer_id, balance, unapplied, disputed, overdue_as_of)
select c.id,
       coalesce((select sum(e.debit - e.credit) from ledger_entries e where e.customer_id = c.id), 0),
       coalesce((select sum(d.amount - d.allocated_amount) from documents d
                 where d.customer_id = c.id and d.reversed_at is null and d.kind in ('Payment', 'CreditNote')), 0),
       coalesce((select sum(x.amount) from disputes x where x.customer_id = c.id and x.status = 'Open'), 0),
       '-infinity'
from customers c;
