using System.Text.Json;
using ArLedger.Audit;
using ArLedger.Disputes;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Invoices;

/// <summary>What became of a credit note asked for: posted at once, or waiting for a manager's approval.</summary>
public sealed record CreditNoteSubmission(CreditNote? Posted, CreditNoteProposal? Proposal);

/// <summary>A manager other than the author approves (posting the credit note as sent) or rejects a proposal.</summary>
public sealed record DecideCreditNote(long ProposalId, bool Approve, string? Note = null);

/// <summary>
/// The way every credit note is asked for (the page, the API, dispute resolution). Within what a clerk may give
/// (<see cref="CreditNoteApproval"/>), or from a manager, it is posted at once. Otherwise it is kept as a proposal,
/// unposted, and a second person decides it, as write-offs are: a manager who is not its author.
/// </summary>
public sealed class CreditNoteProposals(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, PostCreditNoteHandler post,
    CreditNoteOptions? options = null)
{
    public const string Kind = "credit-note-proposal";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="disputeId">The dispute the credit note resolves: it stays open while the credit note waits.</param>
    public async Task<Outcome<CreditNoteSubmission>> SubmitAsync(PostCreditNote cmd, long? disputeId = null, CancellationToken ct = default)
    {
        if (!actor.IsManager && await WhyApprovalAsync(cmd, ct) is (var customer, var currency, var invoice, var net, var vat))
        {
            var proposed = await ExternalRequests.OnceAsync(db, calendar.Clock, Kind, cmd.ExternalId, cmd,
                () => ProposeAsync(cmd, customer, currency, invoice, net, vat, disputeId, ct),
                async id => await db.CreditNoteProposals.AsNoTracking().SingleAsync(p => p.Id == id, ct),
                p => p.Id, ct);
            return proposed.Succeeded
                ? Replayed(new CreditNoteSubmission(null, proposed.Value), proposed.Replayed)
                : proposed.Problem!;
        }
        var posted = await post.HandleAsync(cmd, ct);
        return posted.Succeeded ? Replayed(new CreditNoteSubmission(posted.Value, null), posted.Replayed) : posted.Problem!;
    }

    static Outcome<CreditNoteSubmission> Replayed(CreditNoteSubmission s, bool replayed) =>
        replayed ? Outcome<CreditNoteSubmission>.Replay(s) : s;

    /// <summary>
    /// The customer (and its currency), invoice and totals of a well-formed credit note a clerk may not post alone; null when it may be
    /// posted (or is malformed, or names what does not exist: the posting answers that, at its field).
    /// </summary>
    async Task<(long CustomerId, string Currency, Invoice? Invoice, decimal Net, decimal Vat)?> WhyApprovalAsync(PostCreditNote cmd, CancellationToken ct)
    {
        if (!new PostCreditNoteValidator(calendar.Window).Validate(cmd).IsValid)
            return null;
        var found = await db.Customers.AsNoTracking().Where(c => c.AccountNumber == cmd.CustomerAccountNumber)
            .Select(c => new { c.Id, c.Currency }).SingleOrDefaultAsync(ct);
        if (found is null || Money.StatedCurrencyRefusal(nameof(cmd.Currency), cmd.Currency, found.Currency) is not null)
            return null;
        Invoice? invoice = null;
        if (cmd.InvoiceNumber is not null
            && (invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == cmd.InvoiceNumber && i.CustomerId == found.Id, ct)) is null)
            return null;
        var (_, net, vat) = DocumentAmountsValidator.Totals(cmd);
        return await CreditNoteApproval.CheckAsync(db, actor, options ?? new CreditNoteOptions(), net + vat, invoice, ct) is null
            ? null
            : (found.Id, found.Currency, invoice, net, vat);
    }

    async Task<Outcome<CreditNoteProposal>> ProposeAsync(PostCreditNote cmd, long customerId, string currency, Invoice? invoice, decimal net, decimal vat,
        long? disputeId, CancellationToken ct)
    {
        var now = calendar.Now;
        var proposal = new CreditNoteProposal
        {
            CustomerId = customerId,
            InvoiceId = invoice?.Id,
            DisputeId = disputeId,
            CreditNoteDate = cmd.CreditNoteDate,
            NetAmount = net,
            VatAmount = vat,
            Amount = net + vat,
            Currency = currency,
            Reason = cmd.Reason,
            Command = JsonSerializer.Serialize(cmd, Json),
            Status = CreditNoteProposalStatus.Proposed,
            ProposedBy = actor.Name,
            ProposedAt = now,
            ExternalId = cmd.ExternalId,
        };
        db.CreditNoteProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "credit-note.proposed", nameof(CreditNoteProposal), proposal.Id, customerId,
            after: new { Invoice = cmd.InvoiceNumber, proposal.NetAmount, proposal.VatAmount, proposal.Amount, proposal.Reason, Dispute = disputeId });
        await db.SaveChangesAsync(ct);
        return proposal;
    }

    public Task<Outcome<CreditNoteProposal>> DecideAsync(DecideCreditNote cmd, CancellationToken ct = default) =>
        db.InTransactionAsync(() => DecideCoreAsync(cmd, ct), ct);

    async Task<Outcome<CreditNoteProposal>> DecideCoreAsync(DecideCreditNote cmd, CancellationToken ct)
    {
        var proposal = await db.CreditNoteProposals.ForUpdate(cmd.ProposalId).SingleOrDefaultAsync(ct);
        if (proposal is null)
            return Problem.NotFound($"No credit note proposal with id {cmd.ProposalId}.");
        if (!actor.IsManager)
            return Problem.Refused("Only a manager decides a credit note proposal.");
        if (proposal.Status != CreditNoteProposalStatus.Proposed)
            return Problem.Refused($"Credit note proposal {proposal.Id} was already decided.");
        if (string.Equals(proposal.ProposedBy, actor.Name, StringComparison.OrdinalIgnoreCase))
            return Problem.Refused("A credit note must be approved by someone other than the person who asked for it.");

        var now = calendar.Now;
        var dispute = proposal.DisputeId is { } disputeId ? await db.Disputes.ForUpdate(disputeId).SingleAsync(ct) : null;
        if (cmd.Approve)
        {
            var posted = await post.HandleAsync(JsonSerializer.Deserialize<PostCreditNote>(proposal.Command, Json)!, ct);
            if (!posted.Succeeded)
                return posted.Problem!;
            proposal.CreditNoteId = posted.Value!.Id;
            proposal.Status = CreditNoteProposalStatus.Approved;
            if (dispute is { IsOpen: true })
            {
                dispute.CreditNoteId = proposal.CreditNoteId;
                dispute.Status = DisputeStatus.ResolvedByCreditNote;
                dispute.Resolution = proposal.Reason;
                dispute.ResolvedAt = now;
                dispute.ResolvedBy = actor.Name;
            }
        }
        else
        {
            proposal.Status = CreditNoteProposalStatus.Rejected;
        }
        if (dispute?.PendingCreditNoteProposalId == proposal.Id)
            dispute.PendingCreditNoteProposalId = null;
        proposal.DecidedBy = actor.Name;
        proposal.DecidedAt = now;
        proposal.DecisionNote = cmd.Note;
        AuditTrail.Record(db, actor, now, cmd.Approve ? "credit-note.approved" : "credit-note.rejected", nameof(CreditNoteProposal), proposal.Id,
            proposal.CustomerId, before: new { Status = CreditNoteProposalStatus.Proposed },
            after: new { proposal.Status, proposal.CreditNoteId, cmd.Note });
        await db.SaveChangesAsync(ct);
        return proposal;
    }
}

/// <summary>A proposal with its customer, invoice and posted credit note, as the approvals page shows it.</summary>
public sealed record CreditNoteProposalLine(long Id, string AccountNumber, string CustomerName, string? InvoiceNumber, decimal? InvoiceAmount,
    long? DisputeId, DateOnly CreditNoteDate, decimal NetAmount, decimal VatAmount, decimal Amount, string Currency, string? Reason,
    CreditNoteProposalStatus Status, string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt,
    string? DecisionNote, string? CreditNoteNumber);

/// <summary>The credit notes waiting for a manager, oldest first, then the latest decided ones.</summary>
public sealed class CreditNoteProposalQueue(ArLedgerDbContext db)
{
    public const int Decided = 50;

    /// <param name="proposedBy">Only the proposals of this person (a clerk sees their own).</param>
    public async Task<IReadOnlyList<CreditNoteProposalLine>> ListAsync(string? proposedBy, CancellationToken ct = default)
    {
        var mine = db.CreditNoteProposals.Where(p => proposedBy == null || p.ProposedBy == proposedBy);
        var waiting = await LinesAsync(mine.Where(p => p.Status == CreditNoteProposalStatus.Proposed), ct);
        var decided = await LinesAsync(mine.Where(p => p.Status != CreditNoteProposalStatus.Proposed)
            .OrderByDescending(p => p.DecidedAt).ThenByDescending(p => p.Id).Take(Decided), ct);
        return [.. waiting.OrderBy(l => l.ProposedAt).ThenBy(l => l.Id), .. decided.OrderByDescending(l => l.DecidedAt).ThenByDescending(l => l.Id)];
    }

    Task<List<CreditNoteProposalLine>> LinesAsync(IQueryable<CreditNoteProposal> proposals, CancellationToken ct) => (
        from p in proposals
        join c in db.Customers on p.CustomerId equals c.Id
        from i in db.Invoices.Where(i => i.Id == p.InvoiceId).DefaultIfEmpty()
        from n in db.CreditNotes.Where(n => n.Id == p.CreditNoteId).DefaultIfEmpty()
        select new CreditNoteProposalLine(p.Id, c.AccountNumber, c.Name, i.Number, (decimal?)i.Amount, p.DisputeId, p.CreditNoteDate,
            p.NetAmount, p.VatAmount, p.Amount, p.Currency, p.Reason, p.Status, p.ProposedBy, p.ProposedAt, p.DecidedBy, p.DecidedAt,
            p.DecisionNote, n.Number)).ToListAsync(ct);

    public Task<int> WaitingAsync(CancellationToken ct = default) =>
        db.CreditNoteProposals.CountAsync(p => p.Status == CreditNoteProposalStatus.Proposed, ct);
}
