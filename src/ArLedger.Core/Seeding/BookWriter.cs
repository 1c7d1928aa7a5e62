using System.Globalization;
using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Seeding;

/// <summary>
/// Writes a <see cref="SeedBook"/> with binary COPY: ids and numbers are drawn from the tables' own sequences
/// (so the app's later inserts never collide with them), then each table is copied in foreign-key order, and
/// each document gets the one ledger entry its posting would have written. With <paramref name="history"/>, each
/// row also gets the audit event its use case would have written, so customer timelines and document histories
/// read as they would after months of use (the demo book; a book written for scale work does without).
/// </summary>
public sealed class BookWriter(TimeProvider clock, string actor = "seed", bool history = false)
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
        await GiveIdsAsync(conn, "promises", book.Promises, (p, id) => p.Id = id, ct);
        await GiveIdsAsync(conn, "allocations", book.Allocations, (a, id) => a.Id = id, ct);
        await GiveIdsAsync(conn, "disputes", book.Disputes, (d, id) => d.Id = id, ct);
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
        await CopyActivitiesAsync(conn, book.Activities, ct);
        await CopyPromisesAsync(conn, book.Promises, ct);
        if (history)
            await CopyHistoryAsync(conn, book, documents, ct);
    }

    /// <summary>Calls and promises come later in the day than the morning's bookkeeping.</summary>
    static readonly TimeOnly Activity = new(10, 30);

    /// <summary>When a row dated <paramref name="date"/> was keyed in: that morning (or at <paramref name="time"/>), or now if that is later than now.</summary>
    DateTimeOffset At(DateOnly date, TimeOnly? time = null)
    {
        var at = new DateTimeOffset(date.ToDateTime(time ?? new TimeOnly(9, 0)), TimeSpan.Zero);
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
            await w.WriteOrNullAsync(c.LegalId, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.VatNumber, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.Line1, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.PostalCode, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.City, NpgsqlDbType.Text, ct);
            await w.WriteAsync("FR", NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.StatementEmail, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.DunningEmail, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(c.Phone, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.Language, NpgsqlDbType.Text, ct);
            await w.WriteAsync(termsIds![c.PaymentTermsCode], NpgsqlDbType.Bigint, ct);
            await w.WriteOrNullAsync(c.CreditLimit, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(c.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(c.OnHold, NpgsqlDbType.Boolean, ct);
            await w.WriteOrNullAsync(c.OnHoldReason, NpgsqlDbType.Text, ct);
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
            await w.WriteOrNullAsync(d.Reference, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(d.Description, NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(d.DocumentDate), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(d.DueDate, NpgsqlDbType.Date, ct);
            await w.WriteOrNullAsync(d.NetAmount, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(d.VatAmount, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(d.Invoice?.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteOrNullAsync(d.Method?.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(d.ValueDate, NpgsqlDbType.Date, ct);
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
            copy allocations (id, customer_id, debit_document_id, credit_document_id, amount, allocation_date, created_at, created_by)
            from stdin (format binary)
            """, ct);
        foreach (var a in allocations)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(a.Id, NpgsqlDbType.Bigint, ct);
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
            copy disputes (id, customer_id, invoice_id, amount, reason, status, description, opened_at, opened_by,
                resolution, resolved_at, resolved_by) from stdin (format binary)
            """, ct);
        foreach (var d in disputes)
        {
            var resolved = d.Resolution is not null;
            await w.StartRowAsync(ct);
            await w.WriteAsync(d.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Invoice.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Invoice.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(d.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(d.Reason.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Status.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(d.Description, NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(d.OpenedOn), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(actor, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(d.Resolution, NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(resolved ? At(d.OpenedOn.AddDays(14)) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
            await w.WriteOrNullAsync(resolved ? actor : null, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyActivitiesAsync(NpgsqlConnection conn, List<SeedActivity> activities, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "copy activities (customer_id, kind, outcome, body, occurred_at, created_by) from stdin (format binary)", ct);
        foreach (var a in activities)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(a.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(a.Kind.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(a.Outcome?.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.Body, NpgsqlDbType.Text, ct);
            await w.WriteAsync(At(a.On, Activity), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(a.By, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    async Task CopyPromisesAsync(NpgsqlConnection conn, List<SeedPromise> promises, CancellationToken ct)
    {
        await using (var w = await conn.BeginBinaryImportAsync("""
            copy promises (id, customer_id, amount, currency, made_on, promised_date, status, note, created_at, created_by)
            from stdin (format binary)
            """, ct))
        {
            foreach (var p in promises)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(p.Customer.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(p.Amount, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(p.Customer.Currency, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.MadeOn, NpgsqlDbType.Date, ct);
                await w.WriteAsync(p.PromisedDate, NpgsqlDbType.Date, ct);
                await w.WriteAsync(nameof(Promises.PromiseStatus.Pending), NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Note, NpgsqlDbType.Text, ct);
                await w.WriteAsync(At(p.MadeOn, Activity), NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(p.By, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using var links = await conn.BeginBinaryImportAsync("copy promise_invoices (promise_id, invoice_id) from stdin (format binary)", ct);
        foreach (var p in promises)
        {
            foreach (var invoice in p.Invoices)
            {
                await links.StartRowAsync(ct);
                await links.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await links.WriteAsync(invoice.Id, NpgsqlDbType.Bigint, ct);
            }
        }
        await links.CompleteAsync(ct);
    }

    /// <summary>One audit event for each row written, with the action and the after-state its use case records.</summary>
    async Task CopyHistoryAsync(NpgsqlConnection conn, SeedBook book, List<SeedDocument> documents, CancellationToken ct)
    {
        var events = new List<(DateTimeOffset At, string Actor, string Action, string Type, long Id, SeedCustomer Customer, object? Before, object After)>();
        foreach (var c in book.Customers)
            events.Add((c.CreatedAt.ToUniversalTime(), actor, "customer.created", "Customer", c.Id, c, null, new { c.AccountNumber, c.Name }));
        foreach (var d in documents)
        {
            var at = At(d.DocumentDate);
            events.Add(d.Kind switch
            {
                DocumentKind.Invoice => (at, actor, "invoice.posted", "Invoice", d.Id, d.Customer, null,
                    new { d.Number, d.DocumentDate, d.DueDate, d.NetAmount, d.VatAmount, d.Amount }),
                DocumentKind.CreditNote => (at, actor, "credit-note.posted", "CreditNote", d.Id, d.Customer, null,
                    new { d.Number, d.DocumentDate, Invoice = d.Invoice?.Number, d.NetAmount, d.VatAmount, d.Amount }),
                DocumentKind.Payment => (At(d.EffectiveDate), actor, "payment.recorded", "Payment", d.Id, d.Customer, null,
                    new { d.Number, d.Amount, d.ValueDate, d.Method, d.Reference }),
                DocumentKind.Fee or DocumentKind.Interest or DocumentKind.Refund =>
                    throw new InvalidOperationException("The seed writes no dunning charges and no refunds."),
            });
        }
        events.AddRange(book.Allocations.Select(a => (At(a.Date), actor, "allocation.created", "Allocation", a.Id, a.Debit.Customer, (object?)null,
            (object)new { Debit = a.Debit.Number, Credit = a.Credit.Number, a.Amount, AllocationDate = a.Date })));
        foreach (var o in book.WriteOffs)
        {
            events.Add((At(o.Date.AddDays(-3)), actor, "write-off.proposed", "WriteOff", o.Id, o.Invoice.Customer, null,
                new { Invoice = o.Invoice.Number, o.Amount, o.Reason }));
            events.Add((At(o.Date), actor + "-manager", "write-off.approved", "WriteOff", o.Id, o.Invoice.Customer,
                new { Status = WriteOffs.WriteOffStatus.Proposed }, new { Status = WriteOffs.WriteOffStatus.Approved, Note = (string?)null }));
        }
        foreach (var d in book.Disputes)
        {
            events.Add((At(d.OpenedOn), actor, "dispute.opened", "Dispute", d.Id, d.Invoice.Customer, null,
                new { Invoice = d.Invoice.Number, d.Amount, d.Reason }));
            if (d.Resolution is not null)
                events.Add((At(d.OpenedOn.AddDays(14)), actor, "dispute.resolved", "Dispute", d.Id, d.Invoice.Customer,
                    new { Status = Disputes.DisputeStatus.Open }, new { d.Status, d.Resolution, CreditNoteId = (long?)null }));
        }
        events.AddRange(book.Promises.Select(p => (At(p.MadeOn, Activity), p.By, "promise.logged", "Promise", p.Id, p.Customer, (object?)null,
            (object)new { p.Amount, p.PromisedDate, Invoices = p.Invoices.Select(i => i.Number).ToList(), p.Note })));

        await using var w = await conn.BeginBinaryImportAsync("""
            copy audit_events (occurred_at, actor, action, entity_type, entity_id, customer_id, before, after) from stdin (format binary)
            """, ct);
        // Written in time order, so ids follow the calendar as they would have.
        foreach (var e in events.OrderBy(e => e.At))
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(e.At, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(e.Actor, NpgsqlDbType.Text, ct);
            await w.WriteAsync(e.Action, NpgsqlDbType.Text, ct);
            await w.WriteAsync(e.Type, NpgsqlDbType.Text, ct);
            await w.WriteAsync(e.Id.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Text, ct);
            await w.WriteAsync(e.Customer.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteOrNullAsync(e.Before is null ? null : AuditTrail.Json(e.Before), NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(AuditTrail.Json(e.After), NpgsqlDbType.Jsonb, ct);
        }
        await w.CompleteAsync(ct);
    }
}
