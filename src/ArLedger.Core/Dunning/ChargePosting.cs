using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;

namespace ArLedger.Dunning;

/// <summary>
/// Posts what a dunning letter claims as debit documents of the customer's account, each with its ledger entry and
/// audit event, in the caller's transaction: late interest and the recovery compensation per invoice (linked to it),
/// and the letter's fixed fee. Their descriptions are in the customer's language, as statements print them.
/// </summary>
sealed class ChargePosting(ArLedgerDbContext db, TimeProvider clock, Actor actor, Customer customer, DateOnly date, DateOnly dueDate)
{
    bool French => customer.Language != "en";

    public Task<long> InterestAsync(DunningProposalItem item, CancellationToken ct) =>
        PostAsync(new Interest { InvoiceId = item.InvoiceId, Number = "", Currency = customer.Currency, CreatedBy = actor.Name }, item.Interest,
            French
                ? $"Pénalités de retard {item.InvoiceNumber} du {Day(item.InterestFrom)} au {Day(item.InterestThrough)}"
                : $"Late-payment interest {item.InvoiceNumber} from {Day(item.InterestFrom)} to {Day(item.InterestThrough)}",
            "interest.posted", ct);

    public Task<long> CompensationAsync(DunningProposalItem item, CancellationToken ct) =>
        PostAsync(new Fee { InvoiceId = item.InvoiceId, Number = "", Currency = customer.Currency, CreatedBy = actor.Name }, item.Compensation,
            French
                ? $"Indemnité forfaitaire pour frais de recouvrement {item.InvoiceNumber}"
                : $"Fixed recovery compensation {item.InvoiceNumber}",
            "fee.posted", ct);

    public Task<long> FixedFeeAsync(DunningProposal proposal, DunningProposalItem first, CancellationToken ct) =>
        PostAsync(new Fee { InvoiceId = first.InvoiceId, Number = "", Currency = customer.Currency, CreatedBy = actor.Name }, proposal.FixedFee,
            French ? $"Frais de relance — {proposal.LevelName}" : $"Dunning fee — {proposal.LevelName}",
            "fee.posted", ct);

    /// <summary>What the bank charged for a direct debit the customer's bank returned, passed on to the customer.</summary>
    public Task<long> ReturnFeeAsync(decimal amount, string reason, CancellationToken ct) =>
        PostAsync(new Fee { Number = "", Currency = customer.Currency, CreatedBy = actor.Name }, amount,
            French ? $"Frais de rejet de prélèvement ({reason})" : $"Returned direct debit charges ({reason})",
            "fee.posted", ct);

    async Task<long> PostAsync(DebitDocument charge, decimal amount, string description, string action, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        charge.CustomerId = customer.Id;
        charge.Number = await Posting.NextNumberAsync(db, charge.Kind, ct);
        charge.DocumentDate = date;
        charge.DueDate = dueDate;
        charge.Amount = amount;
        charge.Description = description;
        charge.CreatedAt = now;
        db.Documents.Add(charge);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.Add(Posting.EntryFor(charge, date, now, actor.Name, $"{charge.Number} {description}"));
        AuditTrail.Record(db, actor, now, action, charge.Kind.ToString(), charge.Id, customer.Id,
            after: new { charge.Number, charge.Amount, charge.DocumentDate, charge.DueDate, charge.Description });
        await db.SaveChangesAsync(ct);
        return charge.Id;
    }

    string Day(DateOnly? d) => d is { } x ? Documents.Amounts.Format(x, customer.Language) : "";
}
