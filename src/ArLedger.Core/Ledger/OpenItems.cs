using ArLedger.Persistence;
using Npgsql;

namespace ArLedger.Ledger;

/// <summary>A document still open on a date; credits (unapplied cash, credit notes) have a negative open amount.</summary>
public sealed record OpenItem(long DocumentId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly? DueDate,
    decimal Amount, decimal Open, int DaysOverdue);

/// <summary>
/// Open items of customers as of any date, rebuilt from effective dates (document, value and allocation dates),
/// so documents and allocations dated later do not change the answer.
/// </summary>
public sealed class OpenItems(ArLedgerDbContext db)
{
    const string Sql = """
        select d.customer_id, d.id, d.kind, d.number, d.document_date, d.due_date, d.amount,
               d.amount
                 - coalesce((select sum(a.amount) from allocations a
                             where (a.debit_document_id = d.id or a.credit_document_id = d.id) and a.allocation_date <= $2), 0)
                 - coalesce((select sum(w.amount) from write_offs w
                             where w.invoice_id = d.id and w.status = 'Approved' and w.write_off_date <= $2), 0) as open
        from documents d
        where d.customer_id = any($1)
          and coalesce(d.value_date, d.document_date) <= $2
          and (d.reversed_at is null or (d.reversed_at at time zone 'UTC')::date > $2)
        order by d.customer_id, coalesce(d.due_date, d.document_date), d.id
        """;

    public async Task<IReadOnlyList<OpenItem>> AsOfAsync(long customerId, DateOnly asOf, CancellationToken ct = default) =>
        [.. (await AsOfAsync([customerId], asOf, ct))[customerId]];

    /// <summary>The open items of many customers in one query (a statement run's batch), by customer.</summary>
    public async Task<ILookup<long, OpenItem>> AsOfAsync(IReadOnlyCollection<long> customerIds, DateOnly asOf, CancellationToken ct = default)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand(Sql, connection.Connection);
        cmd.Parameters.AddWithValue(customerIds.ToArray());
        cmd.Parameters.AddWithValue(asOf);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<(long CustomerId, OpenItem Item)>();
        while (await r.ReadAsync(ct))
        {
            var kind = Enum.Parse<DocumentKind>(r.GetString(2));
            var open = r.GetDecimal(7);
            if (open == 0)
                continue;
            var due = r.IsDBNull(5) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(5);
            items.Add((r.GetInt64(0), new OpenItem(r.GetInt64(1), kind, r.GetString(3), r.GetFieldValue<DateOnly>(4), due, r.GetDecimal(6),
                kind.IsDebit() ? open : -open, due is { } dd && dd < asOf ? asOf.DayNumber - dd.DayNumber : 0)));
        }
        return items.ToLookup(i => i.CustomerId, i => i.Item);
    }
}
