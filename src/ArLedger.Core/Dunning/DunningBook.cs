using ArLedger.Ledger;
using ArLedger.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Dunning;

/// <summary>A document open on the run's date: what dunning reads of a customer's account.</summary>
public sealed record BookItem(long DocumentId, long CustomerId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly? DueDate,
    decimal Amount, decimal Open, long? InvoiceId)
{
    public bool IsDebit => Kind.IsDebit();
    public int DaysOverdue(DateOnly asOf) => DueDate is { } due && due < asOf ? asOf.DayNumber - due.DayNumber : 0;
}

/// <summary>
/// The open documents of a group of customers as of a date, in one statement, for the weekly run. Like the aging
/// report, it starts from today's cached open amounts (invariant 3) and adds back what is dated after the date, so
/// it reads the open documents and the recent allocations only, through partial indexes; <see cref="OpenItems"/>
/// answers the same question for one customer the plain way, and a test checks that the two agree.
/// </summary>
public sealed class DunningBook(ArLedgerDbContext db)
{
    // $1 customers, $2 as-of date. Each document counting on the date comes from exactly one branch.
    const string Sql = """
        with later as (
            select debit_document_id as document_id, amount from allocations where allocation_date > $2 and customer_id = any($1)
            union all
            select credit_document_id, amount from allocations where allocation_date > $2 and customer_id = any($1)
            union all
            select invoice_id, amount from write_offs where status = 'Approved' and write_off_date > $2 and customer_id = any($1)
        ),
        later_by_document as (
            select document_id, sum(amount) as amount from later group by document_id
        ),
        counting as (
            select id, customer_id, kind, number, document_date, due_date, value_date, amount, invoice_id,
                   amount - allocated_amount - written_off_amount as open_today
            from documents
            where customer_id = any($1) and reversed_at is null and amount - allocated_amount - written_off_amount <> 0
            union all
            select id, customer_id, kind, number, document_date, due_date, value_date, amount, invoice_id,
                   amount - allocated_amount - written_off_amount
            from documents
            where customer_id = any($1) and reversed_at >= ($2 + 1)::timestamp at time zone 'UTC'
            union all
            select d.id, d.customer_id, d.kind, d.number, d.document_date, d.due_date, d.value_date, d.amount, d.invoice_id, 0
            from later_by_document l join documents d on d.id = l.document_id
            where d.reversed_at is null and d.amount - d.allocated_amount - d.written_off_amount = 0
        )
        select k.id, k.customer_id, k.kind, k.number, k.document_date, k.due_date, k.amount, k.open_today + coalesce(l.amount, 0), k.invoice_id
        from counting k left join later_by_document l on l.document_id = k.id
        where coalesce(k.value_date, k.document_date) <= $2 and k.open_today + coalesce(l.amount, 0) <> 0
        order by k.customer_id, coalesce(k.due_date, k.document_date), k.id
        """;

    /// <summary>Open documents by customer; credits have a negative open amount, as in <see cref="OpenItem"/>.</summary>
    public async Task<IReadOnlyDictionary<long, List<BookItem>>> OpenAsync(IReadOnlyCollection<long> customerIds, DateOnly asOf, CancellationToken ct = default)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand(Sql, connection.Connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = customerIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(asOf);
        var byCustomer = new Dictionary<long, List<BookItem>>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var kind = Enum.Parse<DocumentKind>(r.GetString(2));
            var open = r.GetDecimal(7);
            var customer = r.GetInt64(1);
            var item = new BookItem(r.GetInt64(0), customer, kind, r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.GetDecimal(6),
                kind.IsDebit() ? open : -open,
                r.IsDBNull(8) ? null : r.GetInt64(8));
            if (!byCustomer.TryGetValue(customer, out var items))
                byCustomer[customer] = items = [];
            items.Add(item);
        }
        return byCustomer;
    }
}
