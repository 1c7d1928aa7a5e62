using Npgsql;

namespace ArLedger.Ledger;

/// <summary>
/// Checks the invariants of DESIGN.md on the whole book with plain SQL and returns each violation found.
/// Tests run it after every step; an operator can run it on a live database too.
/// </summary>
public static class LedgerInvariants
{
    static readonly (string Rule, string Sql)[] Checks =
    [
        ("balance = sum of entries = open debits - unapplied credits (per customer)", """
            with e as (select customer_id, sum(debit - credit) as balance from ledger_entries group by customer_id),
                 d as (select customer_id,
                              sum(case when reversed_at is not null then 0
                                       when kind in ('Invoice', 'Fee', 'Interest', 'Refund') then amount - allocated_amount - written_off_amount
                                       else -(amount - allocated_amount) end) as open
                       from documents group by customer_id)
            select 'customer ' || coalesce(e.customer_id, d.customer_id) || ': entries ' || coalesce(e.balance, 0) || ' <> open items ' || coalesce(d.open, 0)
            from e full join d on d.customer_id = e.customer_id
            where coalesce(e.balance, 0) <> coalesce(d.open, 0)
            """),
        ("allocated amount = sum of allocations (per document)", """
            select 'document ' || d.id || ': allocated ' || d.allocated_amount || ' <> ' || coalesce(a.total, 0)
            from documents d
            left join (select id, sum(amount) as total from (
                         select debit_document_id as id, amount from allocations
                         union all select credit_document_id, amount from allocations) x group by id) a on a.id = d.id
            where d.allocated_amount <> coalesce(a.total, 0)
            """),
        ("0 <= allocated, allocated + written off <= amount (per document)", """
            select 'document ' || id || ': amount ' || amount || ', allocated ' || allocated_amount || ', written off ' || written_off_amount
            from documents where allocated_amount < 0 or written_off_amount < 0 or allocated_amount + written_off_amount > amount
            """),
        ("an allocation joins a debit and a credit of one customer and one currency", """
            select 'allocation ' || a.id from allocations a
            join documents d on d.id = a.debit_document_id join documents c on c.id = a.credit_document_id
            where d.customer_id <> c.customer_id or d.currency <> c.currency or a.customer_id <> d.customer_id
               or d.kind not in ('Invoice', 'Fee', 'Interest', 'Refund') or c.kind not in ('Payment', 'CreditNote')
            """),
        ("a reversal undoes its allocation exactly", """
            select 'allocation ' || r.id || ' reverses ' || o.id || ' with another amount or pair'
            from allocations r join allocations o on o.id = r.reverses_allocation_id
            where r.amount <> -o.amount or r.debit_document_id <> o.debit_document_id or r.credit_document_id <> o.credit_document_id
            """),
        ("written off = sum of approved write-offs (per invoice)", """
            select 'document ' || d.id || ': written off ' || d.written_off_amount || ' <> ' || coalesce(w.total, 0)
            from documents d left join (select invoice_id, sum(amount) as total from write_offs where status = 'Approved' group by invoice_id) w
              on w.invoice_id = d.id
            where d.written_off_amount <> coalesce(w.total, 0)
            """),
        ("each document's entries net to its amount, or to zero once reversed", """
            select 'document ' || d.id || ': entries net ' || coalesce(sum(e.debit - e.credit) filter (where e.write_off_id is null), 0)
            from documents d left join ledger_entries e on e.document_id = d.id
            group by d.id, d.kind, d.amount, d.reversed_at
            having coalesce(sum(e.debit - e.credit) filter (where e.write_off_id is null), 0) <>
                   case when d.reversed_at is not null then 0 when d.kind in ('Invoice', 'Fee', 'Interest', 'Refund') then d.amount else -d.amount end
            """),
        ("amounts have two decimals", """
            select 'entry ' || id from ledger_entries where debit <> round(debit, 2) or credit <> round(credit, 2)
            """),
        ("one statement per customer and period", """
            select 'customer ' || customer_id || ', period ' || period_key || ': ' || count(*) || ' statements'
            from archived_documents where kind = 'Statement' group by customer_id, period_key having count(*) > 1
            """),
        ("one statement email and one statement audit event per customer and period", """
            select 'customer ' || customer_id || ', period ' || (after ->> 'periodKey') || ': ' || count(*) || ' ' || action || ' events'
            from audit_events where action in ('statement.emailed', 'statement.for-print')
            group by customer_id, after ->> 'periodKey', action having count(*) > 1
            union all
            select 'email ' || correlation_key || ': ' || count(*) || ' messages'
            from outbox_messages group by correlation_key having count(*) > 1
            """),
        ("entries, allocations, archived documents and letters are append-only: guarded, and never updated or deleted", """
            select 'table ' || x.t || ': its append-only trigger ' || x.guard || ' is missing or disabled'
            from (values ('ledger_entries', 'ledger_entries_append_only'), ('ledger_entries', 'ledger_entries_no_truncate'),
                         ('allocations', 'allocations_append_only'), ('archived_documents', 'archived_documents_append_only'),
                         ('dunning_notices', 'dunning_notices_append_only')) x(t, guard)
            where not exists (select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid
                              where c.relname = x.t and g.tgname = x.guard and c.relnamespace = 'public'::regnamespace
                                and g.tgenabled <> 'D')
            union all
            -- The server's own count of rows changed since its statistics were last reset: a row the trigger refused
            -- was never changed, so anything here went round the trigger.
            select 'table ' || relname || ': ' || n_tup_upd || ' rows updated and ' || n_tup_del || ' deleted'
            from pg_stat_user_tables
            where schemaname = 'public' and relname in ('ledger_entries', 'allocations', 'archived_documents', 'dunning_notices')
              and (n_tup_upd > 0 or n_tup_del > 0)
            """),
        ("kept balances (customer_balances) = a fresh sum of entries, documents and open disputes", """
            with e as (select customer_id, sum(debit - credit) as balance from ledger_entries group by customer_id),
                 d as (select x.customer_id,
                              sum(document_open(x.reversed_at, x.amount, x.allocated_amount, x.written_off_amount))
                                  filter (where x.kind in ('Payment', 'CreditNote')) as unapplied,
                              sum(document_open(x.reversed_at, x.amount, x.allocated_amount, x.written_off_amount))
                                  filter (where x.kind in ('Invoice', 'Fee', 'Interest', 'Refund') and x.due_date < b.overdue_as_of) as overdue,
                              count(*) filter (where x.kind = 'Invoice'
                                               and document_open(x.reversed_at, x.amount, x.allocated_amount, x.written_off_amount) > 0) as open_invoices
                       from documents x join customer_balances b on b.customer_id = x.customer_id
                       group by x.customer_id),
                 s as (select customer_id, sum(amount) as disputed from disputes where status = 'Open' group by customer_id)
            select 'customer ' || c.id || case when b.customer_id is null then ': no kept balance'
                       else ': kept balance ' || b.balance || ', unapplied ' || b.unapplied || ', overdue ' || b.overdue
                            || ', open invoices ' || b.open_invoices || ', disputed ' || b.disputed
                            || ' <> ' || coalesce(e.balance, 0) || ', ' || coalesce(d.unapplied, 0) || ', ' || coalesce(d.overdue, 0)
                            || ', ' || coalesce(d.open_invoices, 0) || ', ' || coalesce(s.disputed, 0) end
            from customers c
            left join customer_balances b on b.customer_id = c.id
            left join e on e.customer_id = c.id left join d on d.customer_id = c.id left join s on s.customer_id = c.id
            where b.customer_id is null
               or b.balance <> coalesce(e.balance, 0) or b.unapplied <> coalesce(d.unapplied, 0) or b.overdue <> coalesce(d.overdue, 0)
               or b.open_invoices <> coalesce(d.open_invoices, 0) or b.disputed <> coalesce(s.disputed, 0)
            """),
        ("one dunning letter per invoice and level", """
            select 'invoice ' || invoice_id || ', level ' || level_no || ': ' || count(*) || ' letters'
            from dunning_notices group by invoice_id, level_no having count(*) > 1
            """),
    ];

    /// <summary>What one check found: the rule, and each violation of it.</summary>
    public sealed record CheckResult(string Rule, IReadOnlyList<string> Violations);

    /// <summary>Every check, each with what it found (the <c>verify</c> verb prints them with their counts).</summary>
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        var results = new List<CheckResult>();
        foreach (var (rule, sql) in Checks)
        {
            var violations = new List<string>();
            await using var cmd = db.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                violations.Add(r.GetString(0));
            results.Add(new CheckResult(rule, violations));
        }
        return results;
    }

    /// <summary>Every violation of every check, named by its rule: what the tests assert empty.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(NpgsqlDataSource db, CancellationToken ct = default) =>
        [.. (await RunAsync(db, ct)).SelectMany(c => c.Violations.Select(v => $"{c.Rule}: {v}"))];
}
