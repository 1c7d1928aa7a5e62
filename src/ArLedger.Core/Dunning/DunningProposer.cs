using ArLedger.Customers;
using ArLedger.Ledger;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Dunning;

/// <summary>
/// Works out, for a group of customers on an as-of date, which letters to propose and what to leave out and why:
/// each overdue invoice gets the level <see cref="NextDunningLevel"/> gives it, once long enough after its previous
/// letter; invoices at the same level go in one letter. The group is read in a
/// few statements and saved in one transaction, once: a resumed run finds a customer's proposals or exclusions for
/// the date and computes nothing again for that customer.
/// </summary>
public sealed class DunningProposer(ArLedgerDbContext db, DunningBook book, DunningHolds holds, TimeProvider clock)
{
    /// <summary>The fixed recovery compensation per late invoice (Code de commerce D441-5), in euros.</summary>
    public const decimal RecoveryCompensation = 40m;
    public const string CompensationCurrency = "EUR";

    /// <summary>
    /// Computes and saves the proposals of the customers not computed yet for the date, and returns the letters of
    /// these customers that are waiting and need no approval: the run sends those.
    /// </summary>
    public async Task<IReadOnlyList<long>> ProposeAsync(DateOnly asOf, IReadOnlyCollection<long> customerIds, PolicySnapshot policy,
        CancellationToken ct = default)
    {
        var ids = customerIds.Distinct().Order().ToArray();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Two instances on the same customers (a lease that ran out) take turns, in id order so they never deadlock;
            // the second finds the first one's work.
            await db.Database.ExecuteSqlAsync(
                $"select count(pg_advisory_xact_lock(1684960871, (id % 2147483647)::int)) from (select unnest({ids}) as id order by 1) t", ct);
            var done = await db.DunningProposals.Where(p => p.AsOf == asOf && ids.Contains(p.CustomerId)).Select(p => p.CustomerId)
                .Union(db.DunningExclusions.Where(e => e.AsOf == asOf && ids.Contains(e.CustomerId)).Select(e => e.CustomerId))
                .ToListAsync(ct);
            var todo = ids.Except(done).ToList();
            if (todo.Count > 0)
            {
                var customers = await db.Customers.AsNoTracking().Where(c => todo.Contains(c.Id)).ToListAsync(ct);
                var states = await db.CustomerDunningStates.AsNoTracking().Where(s => todo.Contains(s.CustomerId)).ToDictionaryAsync(s => s.CustomerId, ct);
                var open = await book.OpenAsync(todo, asOf, ct);
                var held = await holds.ReadAsync(customers, states, asOf, ct);
                var notices = (await (from n in db.DunningNotices.AsNoTracking()
                                      where todo.Contains(n.CustomerId)
                                      join p in db.DunningProposals on n.ProposalId equals p.Id
                                      select new SentNotice(n, p.Deadline)).ToListAsync(ct)).ToLookup(n => n.Notice.InvoiceId);
                var group = new Group(asOf);
                foreach (var customer in customers)
                    Compute(group, customer, states.GetValueOrDefault(customer.Id), open.GetValueOrDefault(customer.Id) ?? [], held[customer.Id], notices, policy);
                await db.DunningProposals
                    .Where(p => todo.Contains(p.CustomerId) && p.AsOf < asOf && p.Status == ProposalStatus.Proposed)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProposalStatus.Superseded)
                        .SetProperty(p => p.DecidedAt, clock.GetUtcNow()).SetProperty(p => p.DecidedBy, "dunning run"), ct);
                await ProposalWriter.WriteAsync(db, group.Proposals, group.Exclusions, ct);
            }
            await tx.CommitAsync(ct);
        }
        return await db.DunningProposals
            .Where(p => p.AsOf == asOf && ids.Contains(p.CustomerId) && p.Status == ProposalStatus.Proposed && !p.NeedsApproval)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
    }

    /// <summary>What a group's computation produces, saved together.</summary>
    sealed class Group(DateOnly asOf)
    {
        public DateOnly AsOf { get; } = asOf;
        public List<DunningProposal> Proposals { get; } = [];
        public List<DunningExclusion> Exclusions { get; } = [];

        public void Exclude(long customerId, long? invoiceId, int? levelNo, DunningHold hold) => Exclusions.Add(new DunningExclusion
        {
            AsOf = AsOf,
            CustomerId = customerId,
            InvoiceId = invoiceId,
            LevelNo = levelNo,
            Reason = hold.Reason,
            Amount = hold.Amount,
            Until = hold.Until,
            Note = hold.Note,
        });
    }

    void Compute(Group group, Customer customer, CustomerDunningState? state, List<BookItem> items, CustomerHolds hold,
        ILookup<long, SentNotice> notices, PolicySnapshot policy)
    {
        var asOf = group.AsOf;
        var overdue = items.Where(i => i.Kind == DocumentKind.Invoice && i.Open > 0 && i.DaysOverdue(asOf) >= policy.FirstDays).ToList();
        if (overdue.Count == 0 || policy.Levels.Count == 0)
            return;

        if (hold.Customer is { } h)
        {
            group.Exclude(customer.Id, null, null, h with { Amount = h.Amount ?? overdue.Sum(i => i.Open) });
            return;
        }

        var candidates = new List<(BookItem Item, DunningLevel Level, LevelChoice Why, decimal Disputed, DateOnly? InterestThrough, bool Compensated)>();
        foreach (var item in overdue)
        {
            var disputed = Math.Min(hold.DisputedOn(item.DocumentId), item.Open);
            if (disputed >= item.Open)
            {
                group.Exclude(customer.Id, item.DocumentId, null, new DunningHold(ExclusionReason.Disputed, disputed));
                continue;
            }
            if (hold.For(item.DocumentId) is { } invoiceHold)
            {
                group.Exclude(customer.Id, item.DocumentId, null, invoiceHold);
                continue;
            }
            var sent = notices[item.DocumentId].Select(n => n.Notice).ToList();
            var levels = notices[item.DocumentId].Select(n => new SentLevel(n.Notice.LevelNo, n.Notice.LetterDate, n.Deadline)).ToList();
            if (NextDunningLevel.For(policy, item.DaysOverdue(asOf), levels) is not { } chosen)
                continue;
            var (next, why) = chosen;
            if (sent.Count > 0)
            {
                var previous = sent.Max(n => n.LetterDate > n.AsOf ? n.LetterDate : n.AsOf);
                var possible = previous.AddDays(next.MinDaysSincePrevious);
                if (asOf < possible)
                {
                    group.Exclude(customer.Id, item.DocumentId, next.LevelNo,
                        new DunningHold(ExclusionReason.TooSoon, item.Open - disputed, possible, previous.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }
            }
            var possibleFrom = NextDunningLevel.PossibleFrom(next, levels, asOf);
            if (possibleFrom is null || possibleFrom > asOf)
            {
                group.Exclude(customer.Id, item.DocumentId, next.LevelNo,
                    new DunningHold(ExclusionReason.FormalNoticePending, item.Open - disputed, possibleFrom));
                continue;
            }
            candidates.Add((item, next, why, disputed, sent.Max(n => n.InterestThrough), sent.Any(n => n.CompensationDocumentId is not null)));
        }
        if (candidates.Count == 0)
            return;

        // Cash received and not yet matched that covers everything to chase: the clerk matches it, nobody writes.
        var unapplied = -items.Where(i => i.Open < 0).Sum(i => i.Open);
        var chased = candidates.Sum(c => c.Item.Open - c.Disputed);
        if (unapplied >= chased)
        {
            group.Exclude(customer.Id, null, null, new DunningHold(ExclusionReason.UnappliedCash, unapplied));
            return;
        }

        var previousCharges = items.Where(i => i.Kind is DocumentKind.Fee or DocumentKind.Interest && i.Open > 0).ToList();
        var (address, hasEmail) = (customer.DunningEmail ?? customer.StatementEmail) is { Length: > 0 } a ? (a, true) : ((string?)null, false);
        foreach (var sameLevel in candidates.GroupBy(c => c.Level.LevelNo).OrderBy(g => g.Key))
        {
            var level = sameLevel.First().Level;
            var due = sameLevel.Sum(c => c.Item.Open - c.Disputed);
            if (due < level.MinOverdueAmount)
            {
                group.Exclude(customer.Id, null, level.LevelNo, new DunningHold(ExclusionReason.BelowMinimum, due, Note: level.MinOverdueAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
            foreach (var (item, _, why, disputed, interestThrough, compensated) in sameLevel.OrderBy(c => c.Item.DueDate).ThenBy(c => c.Item.Number, StringComparer.Ordinal))
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
                    InvoiceAmount = item.Amount,
                    OpenAmount = item.Open,
                    DisputedAmount = disputed,
                    AmountDue = amountDue,
                    DaysOverdue = item.DaysOverdue(asOf),
                    Interest = claim?.Amount ?? 0m,
                    InterestFrom = claim?.From,
                    InterestThrough = claim?.Through,
                    // Owed in full for each late invoice, even partly paid, and once only (D441-5).
                    Compensation = level.ClaimsCompensation && !compensated && customer.Currency == CompensationCurrency ? RecoveryCompensation : 0m,
                    LevelChoice = why,
                });
            }
            proposal.MissingRates = [.. missing];
            var invoiceIds = proposal.Items.Select(i => i.InvoiceId).ToHashSet();
            proposal.PreviousCharges = previousCharges.Where(c => c.InvoiceId is { } id && invoiceIds.Contains(id)).Sum(c => c.Open);
            group.Proposals.Add(proposal);
        }
    }

    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>A level sent for an invoice, with the payment deadline its letter gave.</summary>
    sealed record SentNotice(DunningNotice Notice, DateOnly? Deadline);
}
