using System.Globalization;
using ArLedger.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Seeding;

/// <summary>
/// Writes a <see cref="SeedBook"/> with binary COPY: ids and numbers are drawn from the tables' own sequences
/// (so the app's later inserts never collide with them), then each table is copied in foreign-key order, and
/// each document gets the one ledger entry its posting would have written.
/// </summary>
public sealed class BookWriter(TimeProvider clock, string actor = "seed")
{
    Dictionary<string, long>? termsIds;

    public async Task WriteAsync(NpgsqlConnection conn, SeedBook book, CancellationToken ct = default)
    {
        termsIds ??= await ReadTermsAsync(conn, ct);
        // Sorting by date first makes numbers and ids follow the calendar, as they would have in real life.
        var documents = book.Documents.OrderBy(d => d.DocumentDate).ToList();
        await GiveIdsAsync(conn, "customers", book.Customers, (c, id) => c.Id = id, ct);
        await GiveIdsAsync(conn, "documents", documents, (d, id) => d.Id = id, ct);
        await GiveIdsAsync(conn, "write_offs", book.WriteOffs, (w, id) => w.Id = id, ct);
        await GiveNumbersAsync(conn, documents.Where(d => d.Kind == DocumentKind.Invoice).ToList(), "invoice_numbers", "FA", ct);
        await GiveNumbersAsync(conn, documents.Where(d => d.Kind == DocumentKind.CreditNote).ToList(), "credit_note_numbers", "AV", ct);
        await GiveNumbersAsync(conn, documents.Where(d => d.Kind == DocumentKind.Payment).ToList(), "payment_numbers", "RG", ct);

        await CopyCustomersAsync(conn, book.Customers, ct);
        await CopyDocumentsAsync(conn, documents, ct);
        await CopyLinesAsync(conn, documents, ct);
        await CopyAllocationsAsync(conn, book.Allocations, ct);
        await CopyWriteOffsAsync(conn, book.WriteOffs, ct);
        await CopyEntriesAsync(conn, documents, book.WriteOffs, ct);
        await CopyDisputesAsync(conn, book.Disputes, ct);
    }

    /// <summary>When a row dated <paramref name="date"/> was keyed in: that morning, or now if that is later than now.</summary>
    DateTimeOffset At(DateOnly date)
    {
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var now = clock.GetUtcNow().ToUniversalTime();
        return at < now ? at : now;
    }

    static async Task<Dictionary<string, long>> ReadTermsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("select code, id from payment_terms", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            ids[r.GetString(0)] = r.GetInt64(1);
        return ids;
    }

    static async Task<List<long>> NextValuesAsync(NpgsqlConnection conn, string sequenceSql, int count, CancellationToken ct)
    {
        var values = new List<long>(count);
        if (count == 0)
            return values;
        await using var cmd = new NpgsqlCommand($"select nextval({sequenceSql}) from generate_series(1, $1)", conn);
        cmd.Parameters.AddWithValue(count);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            values.Add(r.GetInt64(0));
        values.Sort();
        return values;
    }

    static async Task GiveIdsAsync<T>(NpgsqlConnection conn, string table, IReadOnlyList<T> rows, Action<T, long> set, CancellationToken ct)
    {
        var ids = await NextValuesAsync(conn, $"pg_get_serial_sequence('{table}', 'id')", rows.Count, ct);
        for (var i = 0; i < rows.Count; i++)
            set(rows[i], ids[i]);
    }

    static async Task GiveNumbersAsync(NpgsqlConnection conn, IReadOnlyList<SeedDocument> docs, string sequence, string prefix, CancellationToken ct)
    {
        var numbers = await NextValuesAsync(conn, $"'{sequence}'::regclass", docs.Count, ct);
        for (var i = 0; i < docs.Count; i++)
            docs[i].Number = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{numbers[i]:000000}");
    }

    async Task CopyCustomersAsync(NpgsqlConnection conn, List<SeedCustomer> customers, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy customers (id, account_number, name, legal_id, vat_number, billing_line1, billing_postal_code, billing_city,
                billing_country, statement_email, dunning_email, phone, language, payment_terms_id, credit_limit, currency,
                on_hold, on_hold_reason, created_at) from stdin (format binary)
            """, ct);
        foreach (var c in customers)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(c.AccountNumber, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Name, NpgsqlDbType.Text, ct);
            await Text(w, c.LegalId, ct);
            await Text(w, c.VatNumber, ct);
            await Text(w, c.Line1, ct);
            await Text(w, c.PostalCode, ct);
            await Text(w, c.City, ct);
            await w.WriteAsync("FR", NpgsqlDbType.Text, ct);
            await Text(w, c.StatementEmail, ct);
            await Text(w, c.DunningEmail, ct);
            await Text(w, c.Phone, ct);
            await w.WriteAsync(c.Language, NpgsqlDbType.Text, ct);
            await w.WriteAsync(termsIds![c.PaymentTermsCode], NpgsqlDbType.Bigint, ct);
            await Numeric(w, c.CreditLimit, ct);
            await w.WriteAsync(c.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.OnHold, NpgsqlDbType.Boolean, ct);
            await Text(w, c.OnHoldReason, ct);
            await w.WriteAsync(c.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyDocumentsAsync(NpgsqlConnection conn, List<SeedDocument> documents, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy documents (id, customer_id, kind, number, document_date, currency, amount, allocated_amount, written_off_amount,
                reference, description, created_at, created_by, due_date, net_amount, vat_amount, invoice_id, method, value_date)
            from stdin (format binary)
            """, ct);
        foreach (var d in documents)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Kind.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Number, NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.DocumentDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(d.Customer.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.Allocated, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.WrittenOff, NpgsqlDbType.Numeric, ct);
            await Text(w, d.Reference, ct);
            await Text(w, d.Description, ct);
            await w.WriteAsync(At(d.DocumentDate), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await Date(w, d.DueDate, ct);
            await Numeric(w, d.NetAmount, ct);
            await Numeric(w, d.VatAmount, ct);
            if (d.Invoice is null)
                await w.WriteNullAsync(ct);
            else
                await w.WriteAsync(d.Invoice.Id, NpgsqlDbType.Bigint, ct);
            await Text(w, d.Method?.ToString(), ct);
            await Date(w, d.ValueDate, ct);
        }
        await w.CompleteAsync(ct);
    }

    static async Task CopyLinesAsync(NpgsqlConnection conn, List<SeedDocument> documents, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy document_lines (document_id, line_no, description, quantity, unit_price, vat_rate, net_amount, vat_amount)
            from stdin (format binary)
            """, ct);
        foreach (var d in documents)
        {
            for (var i = 0; i < d.Lines.Count; i++)
            {
                var l = d.Lines[i];
                await w.StartRowAsync(ct);
                await w.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(i + 1, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(l.Description, NpgsqlDbType.Text, ct);
                await w.WriteAsync(l.Quantity, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(l.UnitPrice, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(l.VatRate, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(l.NetAmount, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(l.VatAmount, NpgsqlDbType.Numeric, ct);
            }
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyAllocationsAsync(NpgsqlConnection conn, List<SeedAllocation> allocations, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy allocations (customer_id, debit_document_id, credit_document_id, amount, allocation_date, created_at, created_by)
            from stdin (format binary)
            """, ct);
        foreach (var a in allocations)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(a.Debit.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(a.Debit.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(a.Credit.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(a.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(a.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(At(a.Date), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyWriteOffsAsync(NpgsqlConnection conn, List<SeedWriteOff> writeOffs, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy write_offs (id, customer_id, invoice_id, amount, currency, reason, status, proposed_by, proposed_at,
                decided_by, decided_at, write_off_date) from stdin (format binary)
            """, ct);
        foreach (var o in writeOffs)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(o.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Invoice.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Invoice.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Invoice.Customer.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(o.Reason, NpgsqlDbType.Text, ct);
            await w.WriteAsync(nameof(WriteOffs.WriteOffStatus.Approved), NpgsqlDbType.Text, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(o.Date.AddDays(-3)), NpgsqlDbType.TimestampTz, ct);
            // Approval needs a second person; the seed names a manager who is not the proposer.
            await w.WriteAsync(actor + "-manager", NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(o.Date), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(o.Date, NpgsqlDbType.Date, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyEntriesAsync(NpgsqlConnection conn, List<SeedDocument> documents, List<SeedWriteOff> writeOffs, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy ledger_entries (customer_id, entry_date, posted_at, kind, document_id, write_off_id, debit, credit, currency,
                description, created_by) from stdin (format binary)
            """, ct);
        foreach (var d in documents)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(d.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.EffectiveDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(At(d.DocumentDate), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(Posting.EntryKindOf(d.Kind).ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteNullAsync(ct);
            await w.WriteAsync(d.IsDebit ? d.Amount : 0m, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.IsDebit ? 0m : d.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.Customer.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Kind == DocumentKind.Payment ? d.Reference ?? d.Number : d.Number, NpgsqlDbType.Text, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
        }
        foreach (var o in writeOffs)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(o.Invoice.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Date, NpgsqlDbType.Date, ct);
            await w.WriteAsync(At(o.Date), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(nameof(EntryKind.WriteOff), NpgsqlDbType.Text, ct);
            await w.WriteAsync(o.Invoice.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(o.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(0m, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(o.Invoice.Customer.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync($"{o.Invoice.Number}: {o.Reason}", NpgsqlDbType.Text, ct);
            await w.WriteAsync(actor + "-manager", NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyDisputesAsync(NpgsqlConnection conn, List<SeedDispute> disputes, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy disputes (customer_id, invoice_id, amount, reason, status, description, opened_at, opened_by,
                resolution, resolved_at, resolved_by) from stdin (format binary)
            """, ct);
        foreach (var d in disputes)
        {
            var resolved = d.Resolution is not null;
            await w.StartRowAsync(ct);
            await w.WriteAsync(d.Invoice.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Invoice.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.Reason.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Status.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Description, NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(d.OpenedOn), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await Text(w, d.Resolution, ct);
            if (resolved)
                await w.WriteAsync(At(d.OpenedOn.AddDays(14)), NpgsqlDbType.TimestampTz, ct);
            else
                await w.WriteNullAsync(ct);
            await Text(w, resolved ? actor : null, ct);
        }
        await w.CompleteAsync(ct);
    }

    static Task Text(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    static Task Numeric(NpgsqlBinaryImporter w, decimal? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Numeric, ct) : w.WriteNullAsync(ct);

    static Task Date(NpgsqlBinaryImporter w, DateOnly? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Date, ct) : w.WriteNullAsync(ct);
}
