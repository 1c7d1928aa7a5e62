using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>
/// Works out, for one customer on an as-of date, which letters to propose and what to leave out and why: each
/// overdue invoice climbs to the level after the last one it was sent, once it is late enough for that level and
/// long enough after its previous letter; invoices at the same level go in one letter. What one run computes is
/// saved once (a resumed run finds it and computes nothing), in one transaction with the exclusions.
/// </summary>
public sealed class DunningProposer(ArLedgerDbContext db, OpenItems openItems, DunningHolds holds, TimeProvider clock)
{
    /// <summary>The fixed recovery compensation per late invoice (Code de commerce D441-5), in euros.</summary>
    public const decimal RecoveryCompensation = 40m;
    public const string CompensationCurrency = "EUR";

    /// <summary>The customer's proposals for the date, computing and saving them unless an earlier call did.</summary>
    public async Task<IReadOnlyList<DunningProposal>> ProposeAsync(DateOnly asOf, long customerId, PolicySnapshot policy, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances on the same customer (a lease that ran out) take turns; the second finds the first one's work.
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(1684960871, {(int)(customerId % int.MaxValue)})", ct);
        var done = await db.DunningProposals.AnyAsync(p => p.AsOf == asOf && p.CustomerId == customerId, ct)
            || await db.DunningExclusions.AnyAsync(e => e.AsOf == asOf && e.CustomerId == customerId, ct);
        if (!done)
        {
            var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, ct);
            var state = await db.CustomerDunningStates.AsNoTracking().SingleOrDefaultAsync(s => s.CustomerId == customerId, ct);
            await SupersedeEarlierAsync(asOf, customerId, ct);
            await ComputeAsync(asOf, customer, state, policy, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return await db.DunningProposals.AsNoTracking().Include(p => p.Items)
            .Where(p => p.AsOf == asOf && p.CustomerId == customerId).OrderBy(p => p.LevelNo).ToListAsync(ct);
    }

    async Task ComputeAsync(DateOnly asOf, Customer customer, CustomerDunningState? state, PolicySnapshot policy, CancellationToken ct)
    {
        var items = await openItems.AsOfAsync(customer.Id, asOf, ct);
        var overdue = items.Where(i => i.Kind == DocumentKind.Invoice && i.Open > 0 && i.DaysOverdue >= policy.FirstDays).ToList();
        if (overdue.Count == 0 || policy.Levels.Count == 0)
            return;

        var hold = await holds.ReadAsync(customer, state, asOf, ct);
        if (hold.Customer is { } h)
        {
            Exclude(asOf, customer.Id, null, null, h with { Amount = h.Amount ?? overdue.Sum(i => i.Open) });
            return;
        }

        var ids = overdue.Select(i => i.DocumentId).ToList();
        var notices = (await db.DunningNotices.AsNoTracking().Where(n => ids.Contains(n.InvoiceId)).ToListAsync(ct))
            .ToLookup(n => n.InvoiceId);
        var invoices = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Amount }).ToDictionaryAsync(i => i.Id, i => i.Amount, ct);
        var candidates = new List<(OpenItem Item, DunningLevel Level, decimal Disputed, DateOnly? InterestThrough, bool Compensated)>();
        foreach (var item in overdue)
        {
            var disputed = Math.Min(hold.DisputedOn(item.DocumentId), item.Open);
            if (disputed >= item.Open)
            {
                Exclude(asOf, customer.Id, item.DocumentId, null, new DunningHold(ExclusionReason.Disputed, disputed));
                continue;
            }
            if (hold.For(item.DocumentId) is { } invoiceHold)
            {
                Exclude(asOf, customer.Id, item.DocumentId, null, invoiceHold);
                continue;
            }
            var sent = notices[item.DocumentId].ToList();
            var next = policy.Levels.FirstOrDefault(l => l.LevelNo > (sent.Count == 0 ? 0 : sent.Max(n => n.LevelNo)));
            if (next is null || item.DaysOverdue < next.DaysAfterDue)
                continue;
            if (sent.Count > 0)
            {
                var previous = sent.Max(n => n.LetterDate > n.AsOf ? n.LetterDate : n.AsOf);
                var possible = previous.AddDays(next.MinDaysSincePrevious);
                if (asOf < possible)
                {
                    Exclude(asOf, customer.Id, item.DocumentId, next.LevelNo,
                        new DunningHold(ExclusionReason.TooSoon, item.Open - disputed, possible, previous.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }
            }
            candidates.Add((item, next, disputed, sent.Max(n => n.InterestThrough), sent.Any(n => n.CompensationDocumentId is not null)));
        }
        if (candidates.Count == 0)
            return;

        // Cash received and not yet matched that covers everything to chase: the clerk matches it, nobody writes.
        var unapplied = -items.Where(i => i.Open < 0).Sum(i => i.Open);
        var chased = candidates.Sum(c => c.Item.Open - c.Disputed);
        if (unapplied >= chased)
        {
            Exclude(asOf, customer.Id, null, null, new DunningHold(ExclusionReason.UnappliedCash, unapplied));
            return;
        }

        var previousCharges = items.Where(i => i.Kind is DocumentKind.Fee or DocumentKind.Interest && i.Open > 0).ToList();
        var chargeInvoices = previousCharges.Count == 0 ? new Dictionary<long, long?>()
            : await ChargeInvoicesAsync(previousCharges.Select(c => c.DocumentId).ToList(), ct);
        var (address, hasEmail) = (customer.DunningEmail ?? customer.StatementEmail) is { Length: > 0 } a ? (a, true) : ((string?)null, false);
        foreach (var group in candidates.GroupBy(c => c.Level.LevelNo).OrderBy(g => g.Key))
        {
            var level = group.First().Level;
            var due = group.Sum(c => c.Item.Open - c.Disputed);
            if (due < level.MinOverdueAmount)
            {
                Exclude(asOf, customer.Id, null, level.LevelNo, new DunningHold(ExclusionReason.BelowMinimum, due, Note: level.MinOverdueAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            var proposal = new DunningProposal
            {
                AsOf = asOf,
                CustomerId = customer.Id,
                LevelNo = level.LevelNo,
                LevelName = level.Name,
                Currency = customer.Currency,
                Channel = hasEmail ? level.Channel : DunningChannel.Post,
                ToAddress = hasEmail && level.Channel == DunningChannel.Email ? address : null,
                NoEmail = !hasEmail && level.Channel == DunningChannel.Email,
                NeedsApproval = level.NeedsApproval,
                FixedFee = level.FixedFee,
                Deadline = level.PaymentDeadlineDays > 0 ? asOf.AddDays(level.PaymentDeadlineDays) : null,
                Status = ProposalStatus.Proposed,
                CreatedAt = clock.GetUtcNow(),
            };
            foreach (var (item, _, disputed, interestThrough, compensated) in group.OrderBy(c => c.Item.DueDate).ThenBy(c => c.Item.Number, StringComparer.Ordinal))
            {
                var amountDue = item.Open - disputed;
                var dueDate = item.DueDate!.Value;
                var claim = level.ClaimsInterest
                    ? LateInterest.Compute(amountDue, Later(dueDate, interestThrough ?? dueDate).AddDays(1), asOf, policy.EcbRate, state?.ContractualRate)
                    : null;
                foreach (var half in claim?.MissingRates ?? [])
                    missing.Add(half.ToString());
                proposal.Items.Add(new DunningProposalItem
                {
                    InvoiceId = item.DocumentId,
                    InvoiceNumber = item.Number,
                    InvoiceDate = item.DocumentDate,
                    DueDate = dueDate,
                    InvoiceAmount = invoices[item.DocumentId],
                    OpenAmount = item.Open,
                    DisputedAmount = disputed,
                    AmountDue = amountDue,
                    DaysOverdue = item.DaysOverdue,
                    Interest = claim?.Amount ?? 0m,
                    InterestFrom = claim?.From,
                    InterestThrough = claim?.Through,
                    // Owed in full for each late invoice, even partly paid, and once only (D441-5).
                    Compensation = level.ClaimsCompensation && !compensated && customer.Currency == CompensationCurrency ? RecoveryCompensation : 0m,
                });
            }
            proposal.MissingRates = [.. missing];
            var invoiceIds = proposal.Items.Select(i => i.InvoiceId).ToHashSet();
            proposal.PreviousCharges = previousCharges
                .Where(c => chargeInvoices.TryGetValue(c.DocumentId, out var inv) && inv is { } id && invoiceIds.Contains(id))
                .Sum(c => c.Open);
            db.DunningProposals.Add(proposal);
        }
    }

    /// <summary>Letters an earlier run proposed and nobody sent are replaced by this run's view of the customer.</summary>
    Task SupersedeEarlierAsync(DateOnly asOf, long customerId, CancellationToken ct) =>
        db.DunningProposals
            .Where(p => p.CustomerId == customerId && p.AsOf < asOf && p.Status == ProposalStatus.Proposed)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Superseded)
                .SetProperty(p => p.DecidedAt, clock.GetUtcNow()).SetProperty(p => p.DecidedBy, "dunning run"), ct);

    async Task<Dictionary<long, long?>> ChargeInvoicesAsync(List<long> chargeIds, CancellationToken ct)
    {
        var fees = await db.Documents.OfType<Fee>().AsNoTracking().Where(f => chargeIds.Contains(f.Id))
            .Select(f => new { f.Id, f.InvoiceId }).ToListAsync(ct);
        var interest = await db.Documents.OfType<Interest>().AsNoTracking().Where(f => chargeIds.Contains(f.Id))
            .Select(f => new { f.Id, f.InvoiceId }).ToListAsync(ct);
        return fees.Concat(interest).ToDictionary(x => x.Id, x => x.InvoiceId);
    }

    void Exclude(DateOnly asOf, long customerId, long? invoiceId, int? levelNo, DunningHold hold) =>
        db.DunningExclusions.Add(new DunningExclusion
        {
            AsOf = asOf,
            CustomerId = customerId,
            InvoiceId = invoiceId,
            LevelNo = levelNo,
            Reason = hold.Reason,
            Amount = hold.Amount,
            Until = hold.Until,
            Note = hold.Note,
        });

    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
