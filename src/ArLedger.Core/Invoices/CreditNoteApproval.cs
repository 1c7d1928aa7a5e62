using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Invoices;

/// <summary>Section <c>CreditNotes</c>: the largest credit note a clerk may post alone.</summary>
public sealed class CreditNoteOptions
{
    public const string Section = "CreditNotes";

    /// <summary>In the customer's currency; above it a manager decides. Default 1,000.</summary>
    public decimal ApprovalLimit { get; set; } = 1_000m;
}

/// <summary>
/// Separation of duties for credit notes, the one rule every way of posting one goes through (the page, the API,
/// dispute resolution): a credit note above the limit, or above what its invoice can still be credited (its gross
/// amount minus earlier credit notes against it), gives money away and is a manager's decision. A clerk is refused
/// and nothing is posted.
/// </summary>
public static class CreditNoteApproval
{
    public const string Field = "Amount";

    public static async Task<Problem?> CheckAsync(ArLedgerDbContext db, Actor actor, CreditNoteOptions options, decimal amount, Invoice? invoice,
        CancellationToken ct)
    {
        if (actor.IsManager)
            return null;
        if (amount > options.ApprovalLimit)
            return Problem.Refused(Field, $"A credit note of {amount} is over the {options.ApprovalLimit} a clerk may post: a manager must post it.");
        if (invoice is null)
            return null;
        var remaining = invoice.Amount - await db.CreditNotes.Where(c => c.InvoiceId == invoice.Id && c.ReversedAt == null).SumAsync(c => c.Amount, ct);
        return amount > remaining
            ? Problem.Refused(Field, $"A credit note of {amount} is over the {remaining} invoice {invoice.Number} can still be credited: a manager must post it.")
            : null;
    }
}
