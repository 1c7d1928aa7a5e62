using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>A letter of a customer's history: sent, waiting, excluded or replaced.</summary>
public sealed record LetterHistoryRow(long ProposalId, DateOnly AsOf, int LevelNo, string LevelName, ProposalStatus Status,
    DunningChannel Channel, string? ToAddress, DateOnly? LetterDate, int Invoices, decimal Total, string Currency, string? Reason, bool HasPdf);

/// <summary>A customer's dunning at a glance: state, highest level reached, letters, and why the last run left things out.</summary>
public sealed record CustomerDunningView(long CustomerId, string AccountNumber, string Currency, CustomerDunningState? State, int? Level,
    string? LevelName, IReadOnlyList<LetterHistoryRow> Letters, IReadOnlyList<DunningExclusion> LatestExclusions, bool OnHold);

/// <summary>A level sent for an invoice, and what that letter claimed on it.</summary>
public sealed record InvoiceNoticeRow(int LevelNo, string LevelName, DateOnly LetterDate, long ProposalId, string? InterestNumber,
    decimal? Interest, string? CompensationNumber, decimal? Compensation);

/// <summary>An invoice's dunning: the levels it was sent, the charges claimed on it, and what holds it now.</summary>
public sealed record InvoiceDunningView(long InvoiceId, string Number, string Currency, IReadOnlyList<InvoiceNoticeRow> Notices,
    IReadOnlyList<(string Number, DocumentKind Kind, decimal Amount, decimal Open)> Charges, DunningExclusion? LatestExclusion,
    LetterHistoryRow? Waiting)
{
    public int? Level => Notices.Count == 0 ? null : Notices.Max(n => n.LevelNo);
}

/// <summary>Pauses a customer's dunning up to and including a date, with a reason a colleague will read.</summary>
public sealed record PauseDunning(long CustomerId, DateOnly Until, string Reason);

public sealed class PauseDunningValidator : InputValidator<PauseDunning>
{
    public PauseDunningValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why dunning is paused.").MaximumLength(500);
        RuleFor(x => x.Until).NotEmpty();
    }
}

/// <summary>A customer's and an invoice's dunning for their pages; pausing, resuming, litigation and the contractual rate.</summary>
public sealed class CustomerDunning(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string PastDate = "Pause until today or a later date.";

    DateOnly Today => calendar.Today;

    public async Task<CustomerDunningView?> ReadAsync(long customerId, int letters = 20, CancellationToken ct = default)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.Id, c.AccountNumber, c.Currency, c.OnHold }).SingleOrDefaultAsync(ct);
        if (customer is null)
            return null;
        var state = await db.CustomerDunningStates.AsNoTracking().SingleOrDefaultAsync(s => s.CustomerId == customerId, ct);
        var history = await History(db.DunningProposals.Where(p => p.CustomerId == customerId)).Take(letters).ToListAsync(ct);
        var top = await db.DunningNotices.Where(n => n.CustomerId == customerId)
            .OrderByDescending(n => n.LevelNo).ThenByDescending(n => n.Id)
            .Join(db.DunningProposals, n => n.ProposalId, p => p.Id, (n, p) => new { n.LevelNo, p.LevelName })
            .FirstOrDefaultAsync(ct);
        var lastRun = await db.DunningExclusions.Where(e => e.CustomerId == customerId).MaxAsync(e => (DateOnly?)e.AsOf, ct);
        var exclusions = lastRun is { } d
            ? await db.DunningExclusions.AsNoTracking().Where(e => e.CustomerId == customerId && e.AsOf == d).OrderBy(e => e.Id).ToListAsync(ct)
            : [];
        return new CustomerDunningView(customer.Id, customer.AccountNumber, customer.Currency, state, top?.LevelNo, top?.LevelName, history,
            exclusions, customer.OnHold);
    }

    public async Task<InvoiceDunningView?> ReadInvoiceAsync(long invoiceId, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId)
            .Select(i => new { i.Id, i.Number, i.Currency, i.CustomerId }).SingleOrDefaultAsync(ct);
        if (invoice is null)
            return null;
        var notices = await (from n in db.DunningNotices.AsNoTracking()
                             where n.InvoiceId == invoiceId
                             join p in db.DunningProposals on n.ProposalId equals p.Id
                             join it in db.Documents on n.InterestDocumentId equals it.Id into its
                             from it in its.DefaultIfEmpty()
                             join cp in db.Documents on n.CompensationDocumentId equals cp.Id into cps
                             from cp in cps.DefaultIfEmpty()
                             orderby n.LevelNo
                             select new InvoiceNoticeRow(n.LevelNo, p.LevelName, n.LetterDate, p.Id, it == null ? null : it.Number,
                                 it == null ? null : it.Amount, cp == null ? null : cp.Number, cp == null ? null : cp.Amount))
            .ToListAsync(ct);
        var fees = await db.Documents.OfType<Fee>().AsNoTracking().Where(f => f.InvoiceId == invoiceId)
            .Select(f => new { f.Number, f.Kind, f.Amount, Open = f.ReversedAt == null ? f.Amount - f.AllocatedAmount - f.WrittenOffAmount : 0m })
            .ToListAsync(ct);
        var interest = await db.Documents.OfType<Interest>().AsNoTracking().Where(f => f.InvoiceId == invoiceId)
            .Select(f => new { f.Number, f.Kind, f.Amount, Open = f.ReversedAt == null ? f.Amount - f.AllocatedAmount - f.WrittenOffAmount : 0m })
            .ToListAsync(ct);
        var charges = fees.Concat(interest).OrderBy(c => c.Number, StringComparer.Ordinal).Select(c => (c.Number, c.Kind, c.Amount, c.Open)).ToList();
        var latest = await db.DunningExclusions.AsNoTracking().Where(e => e.InvoiceId == invoiceId)
            .OrderByDescending(e => e.AsOf).FirstOrDefaultAsync(ct);
        var waiting = await History(db.DunningProposals.Where(p => p.Status == ProposalStatus.Proposed
            && db.DunningProposalItems.Any(i => i.ProposalId == p.Id && i.InvoiceId == invoiceId && i.ExcludedReason == null))).FirstOrDefaultAsync(ct);
        return new InvoiceDunningView(invoice.Id, invoice.Number, invoice.Currency, notices, charges, latest, waiting);
    }

    public async Task<Outcome<CustomerDunningState>> PauseAsync(PauseDunning cmd, CancellationToken ct = default)
    {
        var validation = await new PauseDunningValidator().ValidateAsync(cmd, ct);
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        if (cmd.Until < Today)
            return Problem.Invalid(nameof(cmd.Until), PastDate);
        return await ChangeAsync(cmd.CustomerId, "dunning.paused", s =>
        {
            s.PausedUntil = cmd.Until;
            s.PauseReason = cmd.Reason.Trim();
        }, ct);
    }

    public Task<Outcome<CustomerDunningState>> ResumeAsync(long customerId, CancellationToken ct = default) =>
        ChangeAsync(customerId, "dunning.resumed", s =>
        {
            s.PausedUntil = null;
            s.PauseReason = null;
        }, ct);

    /// <summary>Takes a customer back from litigation (an agreement was reached); the next run chases again.</summary>
    public Task<Outcome<CustomerDunningState>> EndLitigationAsync(long customerId, CancellationToken ct = default) =>
        ChangeAsync(customerId, "dunning.litigation-ended", s =>
        {
            s.InLitigation = false;
            s.LitigationSince = null;
        }, ct);

    public Task<Outcome<CustomerDunningState>> SetContractualRateAsync(long customerId, decimal? rate, CancellationToken ct = default) =>
        rate is < 0 or > 100 || (rate is { } r && Math.Round(r, 3) != r)
            ? Task.FromResult<Outcome<CustomerDunningState>>(Problem.Invalid("ContractualRate", "Give an annual rate in percent between 0 and 100."))
            : ChangeAsync(customerId, "dunning.contractual-rate", s => s.ContractualRate = rate, ct);

    async Task<Outcome<CustomerDunningState>> ChangeAsync(long customerId, string action, Action<CustomerDunningState> change, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            return Problem.NotFound($"No customer with id {customerId}.");
        var state = await db.CustomerDunningStates.SingleOrDefaultAsync(s => s.CustomerId == customerId, ct);
        if (state is null)
            db.CustomerDunningStates.Add(state = new CustomerDunningState { CustomerId = customerId, UpdatedBy = actor.Name });
        var before = Describe(state);
        change(state);
        var now = calendar.Now;
        state.UpdatedAt = now;
        state.UpdatedBy = actor.Name;
        AuditTrail.Record(db, actor, now, action, nameof(CustomerDunningState), customerId, customerId, before: before, after: Describe(state));
        await db.SaveChangesAsync(ct);
        return state;
    }

    static object Describe(CustomerDunningState s) => new { s.PausedUntil, s.PauseReason, s.InLitigation, s.LitigationSince, s.ContractualRate };

    IQueryable<LetterHistoryRow> History(IQueryable<DunningProposal> proposals) =>
        from p in proposals.AsNoTracking()
        orderby p.AsOf descending, p.LevelNo descending
        select new LetterHistoryRow(p.Id, p.AsOf, p.LevelNo, p.LevelName, p.Status, p.Channel, p.ToAddress, p.LetterDate,
            db.DunningProposalItems.Count(i => i.ProposalId == p.Id && i.ExcludedReason == null),
            db.DunningProposalItems.Where(i => i.ProposalId == p.Id && i.ExcludedReason == null).Sum(i => i.AmountDue + i.Interest + i.Compensation)
                + p.FixedFee + p.PreviousCharges,
            p.Currency, p.ExcludedReason, p.ArchivedDocumentId != null);
}
