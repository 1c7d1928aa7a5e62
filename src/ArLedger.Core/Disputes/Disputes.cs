using ArLedger.Audit;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Disputes;

/// <summary>Opens a dispute (litige) on an invoice.</summary>
public sealed record OpenDispute(string InvoiceNumber, decimal Amount, DisputeReason Reason, string? Description = null,
    long? OwnerId = null, string? ExternalId = null);

public enum DisputeDecision
{
    /// <summary>The customer is right: a credit note for the disputed amount is posted against the invoice.</summary>
    CreditNote,
    /// <summary>The customer is wrong: the invoice stands and is chased again.</summary>
    Reject,
}

public sealed record ResolveDispute(long DisputeId, DisputeDecision Decision, string Resolution, decimal? CreditAmount = null);

public sealed class OpenDisputeValidator : InputValidator<OpenDispute>
{
    public OpenDisputeValidator()
    {
        RuleFor(x => x.InvoiceNumber).NotEmpty();
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.Reason).IsInEnum();
        RuleFor(x => x.Description).MaximumLength(2000);
        RuleFor(x => x.ExternalId).MaximumLength(100);
    }
}

/// <summary>Opening and resolving disputes; a disputed amount is held out of dunning until resolved.</summary>
public sealed class Disputes(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, CreditNoteProposals creditNotes)
{
    public const string Kind = "dispute";

    public Task<Outcome<Dispute>> OpenAsync(OpenDispute cmd, CancellationToken ct = default)
    {
        var validation = new OpenDisputeValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Dispute>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, calendar.Clock, Kind, cmd.ExternalId, cmd,
            () => OpenCoreAsync(cmd, ct),
            async id => await db.Disputes.AsNoTracking().SingleAsync(d => d.Id == id, ct),
            d => d.Id, ct);
    }

    async Task<Outcome<Dispute>> OpenCoreAsync(OpenDispute cmd, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == cmd.InvoiceNumber, ct);
        if (invoice is null)
            return Problem.NotFound(nameof(cmd.InvoiceNumber), $"No invoice {cmd.InvoiceNumber}.");
        var alreadyDisputed = await db.Disputes.Where(d => d.InvoiceId == invoice.Id && d.Status == DisputeStatus.Open).SumAsync(d => d.Amount, ct);
        if (cmd.Amount > invoice.OpenAmount - alreadyDisputed)
            return Problem.Refused(nameof(cmd.Amount), $"{cmd.Amount} is over the undisputed open amount {invoice.OpenAmount - alreadyDisputed} of {invoice.Number}.");

        var now = calendar.Now;
        var dispute = new Dispute
        {
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            Amount = cmd.Amount,
            Reason = cmd.Reason,
            Status = DisputeStatus.Open,
            Description = cmd.Description,
            OwnerId = cmd.OwnerId,
            OpenedAt = now,
            OpenedBy = actor.Name,
            ExternalId = cmd.ExternalId,
        };
        db.Disputes.Add(dispute);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "dispute.opened", nameof(Dispute), dispute.Id, dispute.CustomerId,
            after: new { Invoice = invoice.Number, dispute.Amount, dispute.Reason });
        await db.SaveChangesAsync(ct);
        return dispute;
    }

    public Task<Outcome<Dispute>> ResolveAsync(ResolveDispute cmd, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cmd.Resolution))
            return Task.FromResult<Outcome<Dispute>>(Problem.Invalid(nameof(cmd.Resolution), "Say how the dispute was resolved."));
        if (cmd.CreditAmount is <= 0)
            return Task.FromResult<Outcome<Dispute>>(Problem.Invalid(nameof(cmd.CreditAmount), "The credit amount must be positive."));
        return db.InTransactionAsync(() => ResolveCoreAsync(cmd, ct), ct);
    }

    async Task<Outcome<Dispute>> ResolveCoreAsync(ResolveDispute cmd, CancellationToken ct)
    {
        var dispute = await db.Disputes.ForUpdate(cmd.DisputeId).SingleOrDefaultAsync(ct);
        if (dispute is null)
            return Problem.NotFound($"No dispute with id {cmd.DisputeId}.");
        if (!dispute.IsOpen)
            return Problem.Refused($"Dispute {dispute.Id} is already resolved.");
        if (dispute.PendingCreditNoteProposalId is not null)
            return Problem.Refused($"Dispute {dispute.Id} waits for a manager's decision on its credit note.");

        var now = calendar.Now;
        if (cmd.Decision == DisputeDecision.CreditNote)
        {
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == dispute.InvoiceId, ct);
            var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == dispute.CustomerId, ct);
            var gross = Money.Round(cmd.CreditAmount ?? dispute.Amount);
            // The credit note carries the invoice's VAT in proportion, so VAT is credited as it was charged.
            var net = Money.Round(gross * invoice.NetAmount / invoice.Amount);
            var note = await creditNotes.SubmitAsync(new PostCreditNote(customer.AccountNumber, calendar.DateOf(now),
                invoice.Number, NetAmount: net, VatAmount: gross - net, Reason: cmd.Resolution), dispute.Id, ct);
            if (!note.Succeeded)
                return note.Problem!;
            if (note.Value!.Proposal is { } proposal)
            {
                // More than a clerk may give: the dispute stays open until a manager decides the credit note.
                dispute.PendingCreditNoteProposalId = proposal.Id;
                AuditTrail.Record(db, actor, now, "dispute.credit-note-proposed", nameof(Dispute), dispute.Id, dispute.CustomerId,
                    after: new { CreditNoteProposal = proposal.Id, proposal.Amount, cmd.Resolution });
                await db.SaveChangesAsync(ct);
                return dispute;
            }
            dispute.CreditNoteId = note.Value.Posted!.Id;
            dispute.Status = DisputeStatus.ResolvedByCreditNote;
        }
        else
        {
            dispute.Status = DisputeStatus.Rejected;
        }
        dispute.Resolution = cmd.Resolution;
        dispute.ResolvedAt = now;
        dispute.ResolvedBy = actor.Name;
        AuditTrail.Record(db, actor, now, "dispute.resolved", nameof(Dispute), dispute.Id, dispute.CustomerId,
            before: new { Status = DisputeStatus.Open }, after: new { dispute.Status, dispute.Resolution, dispute.CreditNoteId });
        await db.SaveChangesAsync(ct);
        return dispute;
    }
}
