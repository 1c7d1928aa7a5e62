using ArLedger.Audit;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>What the review page lists: proposals of an as-of date, filtered and a page at a time.</summary>
public sealed record ReviewQuery(DateOnly AsOf, string? Search = null, int? Level = null, ProposalStatus? Status = null,
    DunningChannel? Channel = null, int PageNumber = 1, int PageSize = 50);

public sealed record ProposalRow(long Id, long CustomerId, string AccountNumber, string CustomerName, int LevelNo, string LevelName,
    DunningChannel Channel, string? ToAddress, bool NoEmail, bool NeedsApproval, ProposalStatus Status, string Currency, int Invoices,
    decimal Principal, decimal Interest, decimal Compensation, decimal FixedFee, decimal PreviousCharges, string[] MissingRates,
    string? ExcludedReason, string? DecidedBy, DateTimeOffset? SentAt)
{
    public decimal Total => Principal + Interest + Compensation + FixedFee + PreviousCharges;
}

public sealed record ExclusionRow(long Id, long CustomerId, string AccountNumber, string CustomerName, string? InvoiceNumber, int? LevelNo,
    ExclusionReason Reason, decimal? Amount, string Currency, DateOnly? Until, string? Note);

/// <summary>The figures at the top of the review page.</summary>
public sealed record ReviewSummary(int Proposed, int Sent, int Excluded, int Superseded, int ForPost, decimal ProposedTotal,
    IReadOnlyDictionary<ExclusionReason, int> ExclusionsByReason, IReadOnlyList<string> MissingRates);

/// <summary>The outcome of approving letters: how many went, and why the others did not.</summary>
public sealed record ApprovalResult(int Sent, IReadOnlyList<(long ProposalId, Problem Problem)> Refused);

/// <summary>Reading a run's proposals and exclusions for review, excluding letters or invoices, approving letters.</summary>
public sealed class DunningReview(ArLedgerDbContext db, DunningLetters letters, TimeProvider clock, Actor actor)
{
    public const string ReasonRequired = "Say why it is excluded.";

    /// <summary>The as-of dates that have proposals or exclusions, latest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(int take = 26, CancellationToken ct = default) =>
        await db.DunningProposals.Select(p => p.AsOf).Union(db.DunningExclusions.Select(e => e.AsOf))
            .OrderByDescending(d => d).Take(take).ToListAsync(ct);

    public async Task<Page<ProposalRow>> ProposalsAsync(ReviewQuery q, CancellationToken ct = default)
    {
        var rows = from p in db.DunningProposals.AsNoTracking()
                   where p.AsOf == q.AsOf
                   join c in db.Customers on p.CustomerId equals c.Id
                   select new { p, c };
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var pattern = $"%{q.Search.Trim().Replace("%", "", StringComparison.Ordinal)}%";
            rows = rows.Where(r => EF.Functions.ILike(r.c.AccountNumber, pattern) || EF.Functions.ILike(r.c.Name, pattern));
        }
        if (q.Level is { } level)
            rows = rows.Where(r => r.p.LevelNo == level);
        if (q.Status is { } status)
            rows = rows.Where(r => r.p.Status == status);
        if (q.Channel is { } channel)
            rows = rows.Where(r => r.p.Channel == channel);
        var total = await rows.CountAsync(ct);
        var page = Math.Max(1, q.PageNumber);
        var ids = await rows.OrderBy(r => r.p.LevelNo).ThenBy(r => r.c.AccountNumber)
            .Skip((page - 1) * q.PageSize).Take(q.PageSize).Select(r => r.p.Id).ToListAsync(ct);
        var items = await Rows(db.DunningProposals.Where(p => ids.Contains(p.Id))).ToListAsync(ct);
        return new Page<ProposalRow>(ids.Select(id => items.Single(i => i.Id == id)).ToList(), page, q.PageSize, total);
    }

    public Task<ProposalRow?> ProposalAsync(long id, CancellationToken ct = default) =>
        Rows(db.DunningProposals.Where(p => p.Id == id)).SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<DunningProposalItem>> ItemsAsync(long proposalId, CancellationToken ct = default) =>
        await db.DunningProposalItems.AsNoTracking().Where(i => i.ProposalId == proposalId)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber).ToListAsync(ct);

    public async Task<Page<ExclusionRow>> ExclusionsAsync(DateOnly asOf, string? search, ExclusionReason? reason, int pageNumber, int pageSize = 50,
        CancellationToken ct = default)
    {
        var rows = from e in db.DunningExclusions.AsNoTracking()
                   where e.AsOf == asOf
                   join c in db.Customers on e.CustomerId equals c.Id
                   join i in db.Documents on e.InvoiceId equals i.Id into inv
                   from i in inv.DefaultIfEmpty()
                   select new { e, c, Number = i == null ? null : i.Number };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            rows = rows.Where(r => EF.Functions.ILike(r.c.AccountNumber, pattern) || EF.Functions.ILike(r.c.Name, pattern)
                || (r.Number != null && EF.Functions.ILike(r.Number, pattern)));
        }
        if (reason is { } why)
            rows = rows.Where(r => r.e.Reason == why);
        var total = await rows.CountAsync(ct);
        pageNumber = Math.Max(1, pageNumber);
        var items = (await rows.OrderBy(r => r.e.Reason).ThenBy(r => r.c.AccountNumber).ThenBy(r => r.Number)
                .Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(r => new ExclusionRow(r.e.Id, r.c.Id, r.c.AccountNumber, r.c.Name, r.Number, r.e.LevelNo, r.e.Reason, r.e.Amount,
                r.c.Currency, r.e.Until, r.e.Note))
            .ToList();
        return new Page<ExclusionRow>(items, pageNumber, pageSize, total);
    }

    public async Task<ReviewSummary> SummaryAsync(DateOnly asOf, CancellationToken ct = default)
    {
        var byStatus = await db.DunningProposals.Where(p => p.AsOf == asOf).GroupBy(p => p.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var forPost = await db.DunningProposals.CountAsync(p => p.AsOf == asOf && p.Channel == DunningChannel.Post
            && (p.Status == ProposalStatus.Proposed || p.Status == ProposalStatus.Sent), ct);
        var waiting = db.DunningProposals.Where(p => p.AsOf == asOf && p.Status == ProposalStatus.Proposed);
        var proposedTotal = await waiting.SumAsync(p => p.FixedFee + p.PreviousCharges, ct)
            + await db.DunningProposalItems.Where(i => i.ExcludedReason == null && waiting.Any(p => p.Id == i.ProposalId))
                .SumAsync(i => i.AmountDue + i.Interest + i.Compensation, ct);
        var reasons = await db.DunningExclusions.Where(e => e.AsOf == asOf).GroupBy(e => e.Reason)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var missing = await db.DunningProposals.Where(p => p.AsOf == asOf && p.Status != ProposalStatus.Superseded && p.MissingRates.Length > 0)
            .SelectMany(p => p.MissingRates).Distinct().OrderBy(m => m).ToListAsync(ct);
        return new ReviewSummary(byStatus.GetValueOrDefault(ProposalStatus.Proposed), byStatus.GetValueOrDefault(ProposalStatus.Sent),
            byStatus.GetValueOrDefault(ProposalStatus.Excluded), byStatus.GetValueOrDefault(ProposalStatus.Superseded), forPost, proposedTotal,
            reasons, missing);
    }

    /// <summary>Takes every waiting letter of a customer out of the run.</summary>
    public async Task<Outcome<int>> ExcludeCustomerAsync(DateOnly asOf, long customerId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Problem.Invalid("Reason", ReasonRequired);
        var proposals = await db.DunningProposals
            .Where(p => p.AsOf == asOf && p.CustomerId == customerId && p.Status == ProposalStatus.Proposed).ToListAsync(ct);
        if (proposals.Count == 0)
            return Problem.NotFound("This customer has no letter waiting in this run.");
        var now = clock.GetUtcNow();
        foreach (var p in proposals)
        {
            p.Status = ProposalStatus.Excluded;
            p.ExcludedReason = reason.Trim();
            p.DecidedAt = now;
            p.DecidedBy = actor.Name;
            AuditTrail.Record(db, actor, now, "dunning.excluded", nameof(DunningProposal), p.Id, customerId,
                after: new { p.AsOf, Level = p.LevelNo, Reason = p.ExcludedReason });
        }
        await db.SaveChangesAsync(ct);
        return proposals.Count;
    }

    /// <summary>Takes one invoice out of a waiting letter; a letter left with none is excluded as a whole.</summary>
    public async Task<Outcome<DunningProposal>> ExcludeInvoiceAsync(long itemId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Problem.Invalid("Reason", ReasonRequired);
        var item = await db.DunningProposalItems.SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
            return Problem.NotFound($"No proposed invoice with id {itemId}.");
        var proposal = await db.DunningProposals.Include(p => p.Items).SingleAsync(p => p.Id == item.ProposalId, ct);
        if (proposal.Status != ProposalStatus.Proposed)
            return Problem.Refused("Only a letter still waiting can change.");
        var now = clock.GetUtcNow();
        item.ExcludedReason = reason.Trim();
        item.ExcludedAt = now;
        item.ExcludedBy = actor.Name;
        if (!proposal.Chased.Any())
        {
            proposal.Status = ProposalStatus.Excluded;
            proposal.ExcludedReason = item.ExcludedReason;
            proposal.DecidedAt = now;
            proposal.DecidedBy = actor.Name;
        }
        AuditTrail.Record(db, actor, now, "dunning.invoice-excluded", nameof(DunningProposal), proposal.Id, proposal.CustomerId,
            after: new { proposal.AsOf, Level = proposal.LevelNo, Invoice = item.InvoiceNumber, Reason = item.ExcludedReason });
        await db.SaveChangesAsync(ct);
        return proposal;
    }

    /// <summary>Sends the letters, one transaction each; a letter that cannot go says why and the others go on.</summary>
    public async Task<ApprovalResult> ApproveAsync(IEnumerable<long> proposalIds, CancellationToken ct = default)
    {
        var sent = 0;
        var refused = new List<(long, Problem)>();
        foreach (var id in proposalIds.Distinct().Order())
        {
            var outcome = await letters.SendAsync(id, ct);
            db.ChangeTracker.Clear();
            if (outcome.Succeeded && !outcome.Replayed)
                sent++;
            else if (!outcome.Succeeded)
                refused.Add((id, outcome.Problem!));
        }
        return new ApprovalResult(sent, refused);
    }

    /// <summary>
    /// Of the letters chosen, those the person acting may approve, and how many are kept for a manager
    /// (<see cref="LetterApproval"/>).
    /// </summary>
    public async Task<(IReadOnlyList<long> Approvable, int ForManager)> ApprovableAsync(IReadOnlyCollection<long> proposalIds, CancellationToken ct = default)
    {
        var needs = await db.DunningProposals.Where(p => proposalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.NeedsApproval, ct);
        var approvable = proposalIds.Where(id => LetterApproval.MayApprove(actor, needs.GetValueOrDefault(id))).ToList();
        return (approvable, proposalIds.Count - approvable.Count);
    }

    public async Task<IReadOnlyList<long>> WaitingAsync(DateOnly asOf, CancellationToken ct = default) =>
        await db.DunningProposals.Where(p => p.AsOf == asOf && p.Status == ProposalStatus.Proposed).OrderBy(p => p.Id)
            .Select(p => p.Id).ToListAsync(ct);

    IQueryable<ProposalRow> Rows(IQueryable<DunningProposal> proposals) =>
        from p in proposals.AsNoTracking()
        join c in db.Customers on p.CustomerId equals c.Id
        select new ProposalRow(p.Id, c.Id, c.AccountNumber, c.Name, p.LevelNo, p.LevelName, p.Channel, p.ToAddress, p.NoEmail, p.NeedsApproval,
            p.Status, p.Currency,
            db.DunningProposalItems.Count(i => i.ProposalId == p.Id && i.ExcludedReason == null),
            db.DunningProposalItems.Where(i => i.ProposalId == p.Id && i.ExcludedReason == null).Sum(i => i.AmountDue),
            db.DunningProposalItems.Where(i => i.ProposalId == p.Id && i.ExcludedReason == null).Sum(i => i.Interest),
            db.DunningProposalItems.Where(i => i.ProposalId == p.Id && i.ExcludedReason == null).Sum(i => i.Compensation),
            p.FixedFee, p.PreviousCharges, p.MissingRates, p.ExcludedReason, p.DecidedBy, p.SentAt);
}
