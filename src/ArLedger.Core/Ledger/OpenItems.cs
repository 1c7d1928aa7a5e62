using ArLedger.Persistence;
using Npgsql;

namespace ArLedger.Ledger;

/// <summary>A document still open on a date; credits (unapplied cash, credit notes) have a negative open amount.</summary>
public sealed record OpenItem(long DocumentId, DocumentKind Kind, string Number, DateOnly DocumentDate, DateOnly? DueDate,
    decimal Amount, decimal Open, int DaysOverdue);

/// <summary>
/// Open items of a customer as of any date, rebuilt from effective dates (document, value and allocation dates),
/// so documents and allocations dated later do not change the answer.
/// </summary>
public sealed class OpenItems(ArLedgerDbContext db)
{
    const string Sql = """
        select d.id, d.kind, d.number, d.document_date, d.due_date, d.amount,
               d.amount
                 - coalesce((select sum(a.amount) from allocations a
                             where (a.debit_document_id = d.id or a.credit_document_id = d.id) and a.allocation_date <= $2), 0)
                 - coalesce((select sum(w.amount) from write_offs w
                             where w.invoice_id = d.id and w.status = 'Approved' and w.write_off_date <= $2), 0) as open
        from documents d
        where d.customer_id = $1
          and coalesce(d.value_date, d.document_date) <= $2
          and (d.reversed_at is null or (d.reversed_at at time zone 'UTC')::date > $2)
        order by coalesce(d.due_date, d.document_date), d.id
        """;

    public async Task<IReadOnlyList<OpenItem>> AsOfAsync(long customerId, DateOnly asOf, CancellationToken ct = default)
    {
        await using var connection = await ContextConnection.OpenAsync(db, ct);
        await using var cmd = new NpgsqlCommand(Sql, connection.Connection);
        cmd.Parameters.AddWithValue(customerId);
        cmd.Parameters.AddWithValue(asOf);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<OpenItem>();
        while (await r.ReadAsync(ct))
        {
            var kind = Enum.Parse<DocumentKind>(r.GetString(1));
            var open = r.GetDecimal(6);
            if (open == 0)
                continue;
            var due = r.IsDBNull(4) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(4);
            items.Add(new OpenItem(r.GetInt64(0), kind, r.GetString(2), r.GetFieldValue<DateOnly>(3), due, r.GetDecimal(5),
                kind.IsDebit() ? open : -open, due is { } dd && dd < asOf ? asOf.DayNumber - dd.DayNumber : 0));
        }
        return items;
    }
}
