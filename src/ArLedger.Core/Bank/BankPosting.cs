using System.Data.Common;
using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Dunning;
using ArLedger.Ledger;
using ArLedger.Payments;
using ArLedger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Bank;

/// <summary>A part of a bank line split by hand: an open document's number or a customer's account, and the amount for it.</summary>
public sealed record SplitPart(string Target, decimal Amount);

/// <summary>The part of a bank line that goes to one customer, and the open items it pays (the rest is unapplied cash).</summary>
public sealed record CustomerShare(long CustomerId, decimal Amount, IReadOnlyList<ProposedItem> Items);

/// <summary>
/// Posts bank lines to the ledger through the payment and allocation use cases: a confirmed line becomes one payment
/// per customer share (value date and reference from the line, the line's id as external id) with its allocations, in
/// one transaction per line. Undoing reverses the allocations and the payments, never deletes them.
/// </summary>
public sealed class BankPosting(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, RecordPaymentHandler payments,
    Allocations allocations, ReverseDocumentHandler reversals)
{
    /// <summary>
    /// Confirms a credit line as payments of the shares' customers. <paramref name="automatic"/> is the import's sure
    /// match when the import posts it alone (a batch could not): the line is then matched automatically and keeps that
    /// match and its score, written in the same transaction as the payments.
    /// </summary>
    public Task<Outcome<BankLine>> ConfirmAsync(long lineId, IReadOnlyList<CustomerShare> shares, MatchProposal? automatic = null,
        CancellationToken ct = default)
    {
        if (shares.Count == 0 || shares.Any(s => s.Amount <= 0 || s.Items.Sum(i => i.Amount) > s.Amount))
            return Task.FromResult<Outcome<BankLine>>(Problem.Invalid("shares", "Give each customer a positive amount, at least what its items take."));
        return Settle(async () =>
        {
            var line = await LockAsync(lineId, ct);
            if (line is null)
                return Problem.NotFound($"No bank line with id {lineId}.");
            if (!line.IsCredit)
                return Problem.Refused($"Line {lineId} is money out: only money in is posted as a payment.");
            if (line.IsSettled)
                return Problem.Refused($"Line {lineId} is already settled.");
            if (shares.Sum(s => s.Amount) != line.Amount)
                return Problem.Invalid("shares", $"The shares add up to {shares.Sum(s => s.Amount)}, the line is {line.Amount}.");

            var now = calendar.Now;
            for (var n = 0; n < shares.Count; n++)
            {
                var share = shares[n];
                var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == share.CustomerId, ct);
                if (customer is null)
                    return Problem.NotFound($"No customer with id {share.CustomerId}.");
                var recorded = await payments.HandleAsync(PaymentOf(line, share, customer, n, shares.Count), ct);
                if (!recorded.Succeeded)
                    return recorded.Problem!;
                db.Set<BankLinePosting>().Add(PostingOf(line, share, recorded.Value!.Id, automatic is not null, now));
                await LearnAsync(line, customer.Id, now, ct);
            }
            Settled(line, shares, automatic is not null, now);
            if (automatic is not null)
                (line.Score, line.Proposal) = (automatic.Score, automatic.ToJson());
            db.AuditEvents.Add(SettledEvent(line, shares, automatic is not null, now));
            await db.SaveChangesAsync(ct);
            return line;
        }, ct);
    }

    /// <summary>
    /// Posts the sure matches of an import together, each as <see cref="ConfirmAsync"/> posts one automatically (the
    /// same payment, entry, allocations, external id, payers learned and audit events), but in one transaction for the
    /// batch: the lines and then the debits are locked once, in id order, and the rows are written as sets. Every line
    /// is checked under the locks as the one-line path checks it; one that does not pass (settled meanwhile, an
    /// invoice another payment took, a date out of the window) is left out. Returns the lines not posted, for the
    /// caller to post alone or propose; when the batch fails as a whole nothing of it stays and every line comes back.
    /// </summary>
    internal async Task<IReadOnlyList<long>> PostSureAsync(IReadOnlyList<(long LineId, MatchProposal Match)> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
            return [];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var left = await PostCheckedAsync(batch, ct);
            await tx.CommitAsync(ct);
            return left;
        }
        catch (DbException)
        {
            // A deadlock or a race on a unique key with a clerk posting one of these lines at the same time: the
            // batch is undone, and its lines are posted one by one, where each finds the other posting or fails alone.
            await tx.RollbackAsync(ct);
            return batch.Select(b => b.LineId).ToList();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    async Task<IReadOnlyList<long>> PostCheckedAsync(IReadOnlyList<(long LineId, MatchProposal Match)> batch, CancellationToken ct)
    {
        var lineIds = batch.Select(b => b.LineId).Distinct().Order().ToArray();
        var lines = await db.Set<BankLine>().FromSqlInterpolated($"select * from bank_lines where id = any({lineIds}) order by id for update")
            .AsNoTracking().ToDictionaryAsync(l => l.Id, ct);
        var debitIds = batch.SelectMany(b => b.Match.Items).Select(i => i.DocumentId).Distinct().Order().ToArray();
        // The ledger's lock order: the customers' balances, then their documents.
        await BalanceLocks.ForDocumentsAsync(db, debitIds, ct);
        var debits = await db.Documents.FromSqlInterpolated($"select * from documents where id = any({debitIds}) order by id for update")
            .AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var customerIds = batch.Select(b => b.Match.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var externalIds = lineIds.Select(id => $"bank-line:{id}").ToList();
        var remembered = (await db.ExternalRequests.AsNoTracking()
            .Where(r => r.Kind == RecordPaymentHandler.Kind && externalIds.Contains(r.ExternalId)).Select(r => r.ExternalId).ToListAsync(ct)).ToHashSet();

        // The checks of the one-line path, against the locked rows and what the lines before in the batch took.
        var rules = payments.Validator;
        var allocationRules = new AllocateValidator(calendar.Window);
        var taken = new Dictionary<long, decimal>();
        var left = new List<long>();
        var accepted = new List<(BankLine Line, MatchProposal Match, CustomerShare Share, RecordPayment Command)>();
        foreach (var (lineId, match) in batch)
        {
            var line = lines.GetValueOrDefault(lineId);
            var customer = customers.GetValueOrDefault(match.CustomerId);
            var share = line is null ? null : new CustomerShare(match.CustomerId, line.Amount, match.Items);
            var command = line is null || customer is null ? null : PaymentOf(line, share!, customer, 0, 1);
            var postable = command is not null && line!.IsCredit && !line.IsSettled && share!.Items.Sum(i => i.Amount) <= share.Amount
                && rules.Validate(command).IsValid && !remembered.Contains(command.ExternalId!)
                && share.Items.All(i => debits.GetValueOrDefault(i.DocumentId) is { IsDebit: true, IsReversed: false } d
                    && d.Kind == i.Kind && d.Number == i.Number && d.CustomerId == customer!.Id && d.Currency == customer.Currency
                    && allocationRules.Validate(new Allocate(d.Id, d.Id, i.Amount)).IsValid)
                && share.Items.GroupBy(i => i.DocumentId).All(g => g.Sum(i => i.Amount) <= debits[g.Key].OpenAmount - taken.GetValueOrDefault(g.Key));
            if (!postable)
            {
                left.Add(lineId);
                continue;
            }
            foreach (var i in share!.Items)
                taken[i.DocumentId] = taken.GetValueOrDefault(i.DocumentId) + i.Amount;
            accepted.Add((line!, match, share, command!));
        }
        if (accepted.Count == 0)
            return left;

        var now = calendar.Now;
        var numbers = await Posting.NextNumbersAsync(db, DocumentKind.Payment, accepted.Count, ct);
        var paymentIds = await TableCopy.NextIdsAsync<Payment>(db, accepted.Count, ct);
        var allocationIds = await TableCopy.NextIdsAsync<Allocation>(db, accepted.Sum(a => a.Share.Items.Count), ct);
        var ibans = accepted.Select(a => a.Line.CounterpartyIban).OfType<string>().Distinct().ToList();
        var names = accepted.Select(a => BankMatching.NameKey(a.Line.CounterpartyName)).OfType<string>().Distinct().ToList();
        var known = (await db.Set<BankPayer>().AsNoTracking().Where(p => ibans.Contains(p.Iban!) || names.Contains(p.NameKey!)).ToListAsync(ct))
            .SelectMany(p => new[] { (p.CustomerId, p.Iban, (string?)null), (p.CustomerId, null, p.NameKey) }).ToHashSet();

        var paid = new List<Payment>();
        var entries = new List<LedgerEntry>();
        var made = new List<Allocation>();
        var requests = new List<Ledger.ExternalRequest>();
        var postings = new List<BankLinePosting>();
        var learned = new List<BankPayer>();
        var events = new List<AuditEvent>();
        var next = 0;
        for (var n = 0; n < accepted.Count; n++)
        {
            var (line, match, share, command) = accepted[n];
            var payment = RecordPaymentHandler.NewPayment(command, customers[share.CustomerId], numbers[n], now, actor.Name);
            payment.Id = paymentIds[n];
            paid.Add(payment);
            entries.Add(RecordPaymentHandler.EntryOf(payment, now, actor.Name));
            events.Add(RecordPaymentHandler.RecordedEvent(payment, now, actor));
            foreach (var item in share.Items)
            {
                var debit = debits[item.DocumentId];
                var allocation = Allocations.NewAllocation(debit, payment, item.Amount, Allocations.EarliestDate(debit, payment), null, now, actor.Name);
                allocation.Id = allocationIds[next++];
                payment.AllocatedAmount += item.Amount;
                made.Add(allocation);
                events.Add(Allocations.CreatedEvent(allocation, debit, payment, now, actor));
            }
            requests.Add(Ledger.ExternalRequests.Remembered(RecordPaymentHandler.Kind, command.ExternalId!, Ledger.ExternalRequests.Hash(command),
                payment.Id, now));
            postings.Add(PostingOf(line, share, payment.Id, automatic: true, now));
            if (line.CounterpartyIban is { } iban && known.Add((share.CustomerId, iban, null)))
                learned.Add(Payer(share.CustomerId, iban, null, now));
            if (BankMatching.NameKey(line.CounterpartyName) is { } name && known.Add((share.CustomerId, null, name)))
                learned.Add(Payer(share.CustomerId, null, name, now));
            Settled(line, [share], automatic: true, now);
            events.Add(SettledEvent(line, [share], automatic: true, now));
        }

        await TableCopy.WriteAsync(db, paid, ct);
        await TableCopy.WriteAsync(db, entries, ct);
        await TableCopy.WriteAsync(db, made, ct);
        var byDebit = made.GroupBy(a => a.DebitDocumentId).Select(g => (Id: g.Key, Amount: g.Sum(a => a.Amount))).ToList();
        var (ids, amounts) = (byDebit.Select(d => d.Id).ToArray(), byDebit.Select(d => d.Amount).ToArray());
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            update documents d set allocated_amount = d.allocated_amount + v.amount
              from unnest({ids}, {amounts}) as v(id, amount) where d.id = v.id
            """, ct);
        await TableCopy.WriteAsync(db, requests, ct);
        await TableCopy.WriteAsync(db, postings, ct);
        await TableCopy.WriteAsync(db, learned, ct);
        var settled = accepted.Select(a => a.Line).ToList();
        var (settledIds, settledCustomers) = (settled.Select(l => l.Id).ToArray(), settled.Select(l => l.CustomerId!.Value).ToArray());
        var (scores, proposals) = (accepted.Select(a => a.Match.Score).ToArray(), accepted.Select(a => a.Match.ToJson()).ToArray());
        var matched = nameof(BankLineStatus.Matched);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            update bank_lines l set status = {matched}, customer_id = v.customer_id, score = v.score, proposal = v.proposal::jsonb,
                   settled_at = {now}, settled_by = {actor.Name}
              from unnest({settledIds}, {settledCustomers}, {scores}, {proposals}) as v(id, customer_id, score, proposal) where l.id = v.id
            """, ct);
        await TableCopy.WriteAsync(db, events, ct);
        return left;
    }

    /// <summary>
    /// Confirms a line split by hand: each part names an open document (the part pays it) or a customer account (the
    /// part is that customer's unapplied cash); the parts of one customer make one payment, and together they are the line.
    /// </summary>
    public async Task<Outcome<BankLine>> SplitAsync(long lineId, IReadOnlyList<SplitPart> parts, CancellationToken ct = default)
    {
        if (parts.Count == 0)
            return Problem.Invalid("parts", "Name at least one document or customer account with an amount.");
        // Every part's target in two reads, whatever the number of parts: the open debits named, then the accounts.
        var targets = parts.Select(p => p.Target.Trim()).Distinct().ToList();
        var documents = (await db.Documents.AsNoTracking()
                .Where(d => targets.Contains(d.Number) && d.ReversedAt == null && d.Amount - d.AllocatedAmount - d.WrittenOffAmount > 0
                    && DocumentKinds.Debits.Contains(d.Kind))
                .Select(d => new { d.Id, d.CustomerId, d.Kind, d.Number }).ToListAsync(ct))
            .DistinctBy(d => d.Number).ToDictionary(d => d.Number);
        var accounts = await db.Customers.AsNoTracking().Where(c => targets.Contains(c.AccountNumber))
            .Select(c => new { c.Id, c.AccountNumber }).ToDictionaryAsync(c => c.AccountNumber, c => c.Id, ct);
        var shares = new Dictionary<long, (decimal Amount, List<ProposedItem> Items)>();
        for (var i = 0; i < parts.Count; i++)
        {
            var (target, amount) = (parts[i].Target.Trim(), parts[i].Amount);
            if (amount <= 0)
                return Problem.Invalid($"parts[{i}].Amount", $"Give {target} a positive amount.");
            var document = documents.GetValueOrDefault(target);
            long? customerId = document?.CustomerId ?? (accounts.TryGetValue(target, out var c) ? c : null);
            if (customerId is not { } id)
                return Problem.Invalid($"parts[{i}].Target", $"{target} is neither an open invoice, fee or interest note nor a customer account.");
            var share = shares.GetValueOrDefault(id, (0m, []));
            if (document is not null)
                share.Items.Add(new ProposedItem(document.Id, document.Kind, document.Number, amount));
            shares[id] = (share.Amount + amount, share.Items);
        }
        return await ConfirmAsync(lineId, shares.Select(s => new CustomerShare(s.Key, s.Value.Amount, s.Value.Items)).ToList(), ct: ct);
    }

    /// <summary>
    /// Confirms a debit line proposed as a refund: money paid back to the customer is posted as a refund document (the
    /// line's id as external id, its booking date), which debits the account and is allocated at once to the unapplied
    /// credit the proposal names, so that credit is consumed. Undoing reverses the allocation, then the refund.
    /// </summary>
    public Task<Outcome<BankLine>> RefundAsync(long lineId, CancellationToken ct = default) => Settle(async () =>
    {
        var line = await LockAsync(lineId, ct);
        if (line is null)
            return Problem.NotFound($"No bank line with id {lineId}.");
        if (line.IsCredit)
            return Problem.Refused($"Line {lineId} is money in: only money out refunds a customer.");
        if (line.IsSettled)
            return Problem.Refused($"Line {lineId} is already settled.");
        if (MatchProposal.FromJson(line.Proposal) is not { Items: [var credit] } proposal || credit.Kind.IsDebit())
            return Problem.Refused($"Line {lineId} is not proposed as the refund of a credit.");
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == proposal.CustomerId, ct);
        if (customer is null)
            return Problem.NotFound($"No customer with id {proposal.CustomerId}.");

        var now = calendar.Now;
        var refund = new Refund
        {
            CustomerId = customer.Id,
            Number = await Posting.NextNumberAsync(db, DocumentKind.Refund, ct),
            ExternalId = $"bank-line:{line.Id}",
            DocumentDate = line.BookingDate,
            DueDate = line.BookingDate,
            Currency = customer.Currency,
            Amount = -line.Amount,
            Reference = Reference(line),
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.Documents.Add(refund);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.Add(Posting.EntryFor(refund, refund.DocumentDate, now, actor.Name, refund.Reference ?? refund.Number));
        AuditTrail.Record(db, actor, now, "refund.recorded", nameof(Refund), refund.Id, customer.Id,
            after: new { refund.Number, refund.Amount, refund.DocumentDate, Credit = credit.Number });
        // The allocation use case checks, under its locks, that the credit is still the customer's and unapplied enough.
        var allocated = await allocations.AllocateAsync(new Allocate(refund.Id, credit.DocumentId, refund.Amount), ct);
        if (!allocated.Succeeded)
            return allocated.Problem!;
        var share = new CustomerShare(customer.Id, refund.Amount, [credit]);
        // The posting row names the refund where a confirmed credit line names its payment.
        db.Set<BankLinePosting>().Add(PostingOf(line, share, refund.Id, automatic: false, now));
        await LearnAsync(line, customer.Id, now, ct);
        Settled(line, [share], automatic: false, now);
        AuditTrail.Record(db, actor, now, "bank-line.refunded", nameof(BankLine), line.Id, customer.Id, after: new { line.Amount, Refund = refund.Number });
        await db.SaveChangesAsync(ct);
        return line;
    }, ct);

    /// <summary>Marks a line that is not a receivable (bank fees, a supplier, a transfer between accounts).</summary>
    public Task<Outcome<BankLine>> MarkNotReceivableAsync(long lineId, string note, CancellationToken ct = default) => Settle(async () =>
    {
        var line = await LockAsync(lineId, ct);
        if (line is null)
            return Problem.NotFound($"No bank line with id {lineId}.");
        if (line.IsSettled)
            return Problem.Refused($"Line {lineId} is already settled.");
        line.Status = BankLineStatus.NotReceivable;
        line.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        line.SettledAt = calendar.Now;
        line.SettledBy = actor.Name;
        AuditTrail.Record(db, actor, calendar.Now, "bank-line.not-receivable", nameof(BankLine), line.Id, after: new { line.Note });
        await db.SaveChangesAsync(ct);
        return line;
    }, ct);

    /// <summary>
    /// Undoes a posted line: each allocation of its payments (or of its refund) is reversed, then each payment or the
    /// refund, and the line waits again.
    /// A returned direct debit or a rejected transfer undoes the line it returns this way, which reopens the invoices.
    /// </summary>
    public Task<Outcome<BankLine>> UndoAsync(long lineId, string reason, CancellationToken ct = default) => Settle(async () =>
    {
        var line = await LockAsync(lineId, ct);
        if (line is null)
            return Problem.NotFound($"No bank line with id {lineId}.");
        var posted = await db.Set<BankLinePosting>().Where(p => p.BankLineId == lineId && p.ReversedAt == null).ToListAsync(ct);
        if (posted.Count == 0 && line.Status != BankLineStatus.NotReceivable)
            return Problem.Refused($"Line {lineId} has nothing posted to undo.");
        var now = calendar.Now;
        foreach (var p in posted)
        {
            var made = await db.Allocations.AsNoTracking()
                .Where(a => (a.CreditDocumentId == p.PaymentId || a.DebitDocumentId == p.PaymentId) && a.ReversesAllocationId == null
                    && !db.Allocations.Any(r => r.ReversesAllocationId == a.Id))
                .Select(a => a.Id).ToListAsync(ct);
            foreach (var allocationId in made)
            {
                var undone = await allocations.ReverseAsync(new ReverseAllocation(allocationId, reason), ct);
                if (!undone.Succeeded)
                    return undone.Problem!;
            }
            var reversed = await reversals.HandleAsync(new ReverseDocument(p.PaymentId, reason), ct);
            if (!reversed.Succeeded)
                return reversed.Problem!;
            p.ReversedAt = now;
            p.ReversedBy = actor.Name;
        }
        line = await LockAsync(lineId, ct);
        line!.Status = line.Proposal is null ? BankLineStatus.ToIdentify : BankLineStatus.Proposed;
        line.SettledAt = null;
        line.SettledBy = null;
        line.Note = null;
        AuditTrail.Record(db, actor, now, "bank-line.undone", nameof(BankLine), line.Id, line.CustomerId, after: new { reason });
        await db.SaveChangesAsync(ct);
        return line;
    }, ct);

    /// <summary>
    /// Settles a returned direct debit or rejected transfer (money out) by undoing the earlier line it returns, found by
    /// its end-to-end id or, failing that, by the same amount from the same payer; the invoices it paid are open again.
    /// </summary>
    /// <remarks>A <paramref name="fee"/> above zero (what the bank charged for the return) is charged to the customer as a fee.</remarks>
    public Task<Outcome<BankLine>> ReturnAsync(long returnLineId, decimal fee = 0m, CancellationToken ct = default) => Settle(async () =>
    {
        if (fee < 0 || decimal.Round(fee, 2) != fee || fee > 1_000m)
            return Problem.Invalid("fee", "The fee charged for a return is an amount from 0.00 to 1,000.00.");
        var back = await LockAsync(returnLineId, ct);
        if (back is null)
            return Problem.NotFound($"No bank line with id {returnLineId}.");
        if (back.IsCredit)
            return Problem.Refused($"Line {returnLineId} is money in: only money out returns a payment.");
        if (back.IsSettled)
            return Problem.Refused($"Line {returnLineId} is already settled.");
        var candidates = db.Set<BankLine>().AsNoTracking().Where(l => l.BankAccountId == back.BankAccountId && l.Amount == -back.Amount
            && (l.Status == BankLineStatus.Matched || l.Status == BankLineStatus.Done) && l.BookingDate <= back.BookingDate);
        var original = back.EndToEndId is not null
            ? await candidates.Where(l => l.EndToEndId == back.EndToEndId).OrderByDescending(l => l.BookingDate).FirstOrDefaultAsync(ct)
            : null;
        original ??= await candidates.Where(l => back.CounterpartyName != null && l.CounterpartyName == back.CounterpartyName)
            .OrderByDescending(l => l.BookingDate).FirstOrDefaultAsync(ct);
        if (original is null)
            return Problem.Refused($"No posted line of {-back.Amount} is returned by line {returnLineId}.");
        var undone = await UndoAsync(original.Id, $"returned by the bank ({back.ReturnReason ?? back.Label})", ct);
        if (!undone.Succeeded)
            return undone.Problem!;
        // The money came in and went back out: both lines are settled, so the first cannot be posted again by mistake.
        var returned = await LockAsync(original.Id, ct);
        returned!.Status = BankLineStatus.Done;
        returned.Note = $"returned by line {returnLineId}";
        returned.SettledAt = calendar.Now;
        returned.SettledBy = actor.Name;
        back = await LockAsync(returnLineId, ct);
        back!.Status = BankLineStatus.Done;
        back.CustomerId = undone.Value!.CustomerId;
        back.Note = $"returns line {original.Id}";
        back.SettledAt = calendar.Now;
        back.SettledBy = actor.Name;
        await db.SaveChangesAsync(ct);
        if (fee > 0 && back.CustomerId is { } customerId)
        {
            var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, ct);
            await new ChargePosting(db, calendar.Clock, actor, customer, back.BookingDate, back.BookingDate)
                .ReturnFeeAsync(fee, back.ReturnReason ?? back.Label, ct);
        }
        return back;
    }, ct);

    // What confirming a line writes, built here and only here: the one-line path above and the batch path below write the same rows.

    static RecordPayment PaymentOf(BankLine line, CustomerShare share, Customer customer, int n, int shares) =>
        new(customer.AccountNumber, share.Amount, line.BookingDate, line.ValueDate,
            line.OperationCode is "01" or "PMNT/RDDT/ESDD" ? PaymentMethod.DirectDebit : PaymentMethod.Transfer, Reference(line),
            Allocations: share.Items.Select(i => new AllocationInput(i.Number, i.Amount, i.Kind)).ToList(),
            ExternalId: shares == 1 ? $"bank-line:{line.Id}" : $"bank-line:{line.Id}:{n + 1}");

    BankLinePosting PostingOf(BankLine line, CustomerShare share, long paymentId, bool automatic, DateTimeOffset now) => new()
    {
        BankLineId = line.Id, CustomerId = share.CustomerId, PaymentId = paymentId, Amount = share.Amount, Automatic = automatic,
        CreatedAt = now, CreatedBy = actor.Name,
    };

    void Settled(BankLine line, IReadOnlyList<CustomerShare> shares, bool automatic, DateTimeOffset now)
    {
        line.Status = automatic ? BankLineStatus.Matched : BankLineStatus.Done;
        line.CustomerId = shares[0].CustomerId;
        line.SettledAt = now;
        line.SettledBy = actor.Name;
    }

    AuditEvent SettledEvent(BankLine line, IReadOnlyList<CustomerShare> shares, bool automatic, DateTimeOffset now) =>
        AuditTrail.Event(actor, now, automatic ? "bank-line.matched" : "bank-line.confirmed", nameof(BankLine), line.Id, shares[0].CustomerId,
            after: new { line.Amount, Shares = shares });

    BankPayer Payer(long customerId, string? iban, string? nameKey, DateTimeOffset now) =>
        new() { CustomerId = customerId, Iban = iban, NameKey = nameKey, LearnedAt = now, LearnedBy = actor.Name };

    /// <summary>Remembers the payer of a confirmed line (its IBAN, its name) for the customer, so the next line from them is recognised.</summary>
    async Task LearnAsync(BankLine line, long customerId, DateTimeOffset now, CancellationToken ct)
    {
        var payers = db.Set<BankPayer>();
        if (line.CounterpartyIban is { } iban && !await payers.AnyAsync(p => p.Iban == iban && p.CustomerId == customerId, ct))
            payers.Add(Payer(customerId, iban, null, now));
        if (BankMatching.NameKey(line.CounterpartyName) is { } name && !await payers.AnyAsync(p => p.NameKey == name && p.CustomerId == customerId, ct))
            payers.Add(Payer(customerId, null, name, now));
    }

    static string Reference(BankLine line)
    {
        var text = BankText.Clean(line.Remittance is null ? line.Label : $"{line.Label} {line.Remittance}") ?? line.Label;
        return text.Length > 140 ? text[..140] : text;
    }

    /// <summary>
    /// Locks the line for the rest of the transaction and returns it as it now stands. A copy this context already
    /// tracks is read again in place, never detached: EF detaches with a line the rows that depend on it (its posting
    /// rows, by their cascading foreign key), so a posting added and not yet saved would silently not be written.
    /// </summary>
    async Task<BankLine?> LockAsync(long lineId, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<BankLine>().FirstOrDefault(e => e.Entity.Id == lineId);
        var line = await db.Set<BankLine>().FromSqlInterpolated($"select * from bank_lines where id = {lineId} for update").AsTracking()
            .SingleOrDefaultAsync(ct);
        // The query hands back the tracked copy with the values it was read with; the locked row is the truth.
        if (tracked is not null && line is not null)
            await tracked.ReloadAsync(ct);
        return line;
    }

    /// <summary>One transaction for the whole settlement: a refusal half-way leaves nothing behind.</summary>
    async Task<Outcome<BankLine>> Settle(Func<Task<Outcome<BankLine>>> work, CancellationToken ct)
    {
        var owns = db.Database.CurrentTransaction is null;
        var outcome = await db.InTransactionAsync(work, ct);
        if (!outcome.Succeeded && owns)
            db.ChangeTracker.Clear();
        return outcome;
    }
}
