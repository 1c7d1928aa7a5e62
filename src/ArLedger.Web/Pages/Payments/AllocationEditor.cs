using ArLedger.Invoices;
using ArLedger.Payments;
using ArLedger.Persistence;
using ArLedger.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ArLedger.Web.Pages.Payments;

/// <summary>One row of the allocation form as posted: which debit, and the amount typed for it.</summary>
public sealed class AllocationForm
{
    public long DebitDocumentId { get; set; }

    [ModelBinder(typeof(AmountBinder))]
    public decimal? Amount { get; set; }
}

/// <summary>An open debit document of the customer (invoice, fee or interest), as the allocation table lists it.</summary>
public sealed record DebitRow(OpenDebit Debit, int DaysOverdue);

/// <summary>A row of the allocation table: the debit, the amount in its input, and whether the reference names it.</summary>
public sealed record EditorRow(DebitRow Row, string AmountText, bool Named);

/// <summary>
/// The allocation step shared by recording a payment and applying a credit: the customer's open debits with the
/// amount to apply to each, proposed by <see cref="AllocationProposal"/> (the configured order of fees, interest and
/// invoices, then within each the documents the reference names, then the oldest due) or as typed.
/// </summary>
public sealed record AllocationEditor(IReadOnlyList<EditorRow> Rows, string Currency, decimal? CreditAmount, string ProposalUrl)
{
    public decimal Allocated => Rows.Sum(r => AmountInput.TryParse(r.AmountText, System.Globalization.CultureInfo.CurrentCulture, out var a) ? a : 0m);

    /// <summary>The customer's open invoices, fees and interest, oldest due first.</summary>
    public static async Task<List<DebitRow>> OpenDebitsAsync(ArLedgerDbContext db, long customerId, DateOnly today, CancellationToken ct) =>
        (await AllocationProposal.OpenDebitsAsync(db, customerId, ct))
            .Select(d => new DebitRow(d, InvoiceStatuses.DaysOverdue(d.DueDate, d.Open, today))).ToList();

    /// <summary>
    /// The table with a fresh proposal for <paramref name="amount"/> in the part <paramref name="order"/>;
    /// <paramref name="useReference"/> false leaves the reference out, so each part goes oldest due first.
    /// </summary>
    public static AllocationEditor Proposed(IReadOnlyList<DebitRow> debits, string currency, decimal? amount, string? reference,
        bool useReference, IReadOnlyList<PaymentPart> order, string proposalUrl)
    {
        var byId = debits.ToDictionary(d => d.Debit.Id);
        var proposal = AllocationProposal.Propose(amount ?? 0m, debits.Select(d => d.Debit), order, useReference ? reference : null);
        return new AllocationEditor(
            proposal.Select(p => new EditorRow(byId[p.Debit.Id], AmountInput.Format(p.Amount == 0 ? null : p.Amount), p.NamedInReference)).ToList(),
            currency, amount, proposalUrl);
    }

    /// <summary>The table as it was posted, in the posted order (so errors keyed by row land on their row), then any other open debit.</summary>
    public static AllocationEditor AsPosted(IReadOnlyList<DebitRow> debits, IReadOnlyList<AllocationForm> posted, string currency, decimal? amount,
        ModelStateDictionary state, string proposalUrl)
    {
        var byId = debits.ToDictionary(d => d.Debit.Id);
        var rows = new List<EditorRow>();
        for (var i = 0; i < posted.Count; i++)
        {
            if (byId.Remove(posted[i].DebitDocumentId, out var debit))
                rows.Add(new EditorRow(debit, state.Typed($"Allocations[{i}].Amount") ?? AmountInput.Format(posted[i].Amount), false));
        }
        rows.AddRange(byId.Values.Select(d => new EditorRow(d, "", false)));
        return new AllocationEditor(rows, currency, amount, proposalUrl);
    }

    /// <summary>
    /// Checks the typed amounts against each debit's open amount and the credit, with messages at the rows; returns
    /// the allocations to make (rows left empty or at zero are skipped), each with its row on the form.
    /// </summary>
    public static List<(int Row, DebitRow Debit, decimal Amount)> Check(IReadOnlyList<AllocationForm> posted, IReadOnlyList<DebitRow> debits,
        decimal? credit, string currency, ModelStateDictionary state, IStringLocalizer<Texts> t)
    {
        var byId = debits.ToDictionary(d => d.Debit.Id);
        var wanted = new List<(int, DebitRow, decimal)>();
        for (var i = 0; i < posted.Count; i++)
        {
            var key = $"Allocations[{i}].Amount";
            if (posted[i].Amount is not { } amount || amount == 0 || state.ErrorFor(key) is not null)
                continue;
            if (!byId.TryGetValue(posted[i].DebitDocumentId, out var debit))
                state.AddModelError(key, t["This document is no longer open."]);
            else if (amount < 0)
                state.AddModelError(key, t["Enter a positive amount."]);
            else if (decimal.Round(amount, 2) != amount)
                state.AddModelError(key, t["At most two decimals."]);
            else if (amount > debit.Debit.Open)
                state.AddModelError(key, t["More than the {0} open on {1}.", Display.Money(debit.Debit.Open, currency), debit.Debit.Number]);
            else
                wanted.Add((i, debit, amount));
        }
        var total = wanted.Sum(w => w.Item3);
        if (credit is { } c && total > c)
            state.AddModelError("Allocations", t["The allocations add up to {0}, more than the {1} to apply.", Display.Money(total, currency), Display.Money(c, currency)]);
        return wanted;
    }

    /// <summary>A problem key of the use case ("Allocations[1].Amount", numbered in what it was given) renamed to the form's row.</summary>
    public static string? FormKey(string key, IReadOnlyList<(int Row, DebitRow Debit, decimal Amount)> sent)
    {
        if (!key.StartsWith("Allocations[", StringComparison.Ordinal))
            return key == "Allocations" ? key : null;
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(key.AsSpan(12, close - 12), System.Globalization.CultureInfo.InvariantCulture, out var i) && i < sent.Count
            ? $"Allocations[{sent[i].Row}].Amount" : "Allocations";
    }
}
