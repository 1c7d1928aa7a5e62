using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ArLedger.Dunning;

/// <summary>
/// Saves a group's proposals, their invoices and the exclusions with binary COPY, in the caller's transaction: a
/// weekly run writes hundreds of thousands of rows, which row-by-row inserts make the slowest part of the run.
/// Proposal ids are drawn from the table's own sequence first, so the items can name them. The run's tests read
/// every row back through the EF model.
/// </summary>
static class ProposalWriter
{
    public static async Task WriteAsync(ArLedgerDbContext db, IReadOnlyList<DunningProposal> proposals, IReadOnlyList<DunningExclusion> exclusions,
        CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (proposals.Count > 0)
        {
            await GiveIdsAsync(conn, proposals, ct);
            await CopyProposalsAsync(conn, proposals, ct);
            await CopyItemsAsync(conn, proposals, ct);
        }
        if (exclusions.Count > 0)
            await CopyExclusionsAsync(conn, exclusions, ct);
    }

    static async Task GiveIdsAsync(NpgsqlConnection conn, IReadOnlyList<DunningProposal> proposals, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select nextval(pg_get_serial_sequence('dunning_proposals', 'id')) from generate_series(1, $1)", conn);
        cmd.Parameters.AddWithValue(proposals.Count);
        var ids = new List<long>(proposals.Count);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                ids.Add(r.GetInt64(0));
        }
        ids.Sort();
        for (var i = 0; i < proposals.Count; i++)
        {
            proposals[i].Id = ids[i];
            foreach (var item in proposals[i].Items)
                item.ProposalId = ids[i];
        }
    }

    static async Task CopyProposalsAsync(NpgsqlConnection conn, IReadOnlyList<DunningProposal> proposals, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy dunning_proposals (id, as_of, customer_id, level_no, level_name, currency, channel, to_address, no_email, needs_approval,
                                    fixed_fee, previous_charges, deadline, missing_rates, status, created_at)
            from stdin (format binary)
            """, ct);
        foreach (var p in proposals)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(p.AsOf, NpgsqlDbType.Date, ct);
            await w.WriteAsync(p.CustomerId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(p.LevelNo, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(p.LevelName, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Currency, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Channel.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(p.ToAddress, NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.NoEmail, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(p.NeedsApproval, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(p.FixedFee, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(p.PreviousCharges, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(p.Deadline, NpgsqlDbType.Date, ct);
            await w.WriteAsync(p.MissingRates, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.Status.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await w.CompleteAsync(ct);
    }

    static async Task CopyItemsAsync(NpgsqlConnection conn, IReadOnlyList<DunningProposal> proposals, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy dunning_proposal_items (proposal_id, invoice_id, invoice_number, invoice_date, due_date, invoice_amount, open_amount,
                                         disputed_amount, amount_due, days_overdue, interest, interest_from, interest_through, compensation,
                                         level_choice)
            from stdin (format binary)
            """, ct);
        foreach (var i in proposals.SelectMany(p => p.Items))
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(i.ProposalId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(i.InvoiceId, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(i.InvoiceNumber, NpgsqlDbType.Text, ct);
            await w.WriteAsync(i.InvoiceDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(i.DueDate, NpgsqlDbType.Date, ct);
            await w.WriteAsync(i.InvoiceAmount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(i.OpenAmount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(i.DisputedAmount, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(i.AmountDue, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(i.DaysOverdue, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(i.Interest, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(i.InterestFrom, NpgsqlDbType.Date, ct);
            await w.WriteOrNullAsync(i.InterestThrough, NpgsqlDbType.Date, ct);
            await w.WriteAsync(i.Compensation, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(i.LevelChoice?.ToString(), NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }

    static async Task CopyExclusionsAsync(NpgsqlConnection conn, IReadOnlyList<DunningExclusion> exclusions, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync("""
            copy dunning_exclusions (as_of, customer_id, invoice_id, level_no, reason, amount, until, note)
            from stdin (format binary)
            """, ct);
        foreach (var e in exclusions)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(e.AsOf, NpgsqlDbType.Date, ct);
            await w.WriteAsync(e.CustomerId, NpgsqlDbType.Bigint, ct);
            await w.WriteOrNullAsync(e.InvoiceId, NpgsqlDbType.Bigint, ct);
            await w.WriteOrNullAsync(e.LevelNo, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(e.Reason.ToString(), NpgsqlDbType.Text, ct);
            await w.WriteOrNullAsync(e.Amount, NpgsqlDbType.Numeric, ct);
            await w.WriteOrNullAsync(e.Until, NpgsqlDbType.Date, ct);
            await w.WriteOrNullAsync(e.Note, NpgsqlDbType.Text, ct);
        }
        await w.CompleteAsync(ct);
    }
}
