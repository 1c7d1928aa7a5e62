using ArLedger.Audit;
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
    public Task<Outcome<BankLine>> ConfirmAsync(long lineId, IReadOnlyList<CustomerShare> shares, bool automatic = false, CancellationToken ct = default)
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
                var recorded = await payments.HandleAsync(new RecordPayment(customer.AccountNumber, share.Amount, line.BookingDate, line.ValueDate,
                    line.OperationCode is "01" or "PMNT/RDDT/ESDD" ? PaymentMethod.DirectDebit : PaymentMethod.Transfer, Reference(line),
                    Allocations: share.Items.Select(i => new AllocationInput(i.Number, i.Amount, i.Kind)).ToList(),
                    ExternalId: shares.Count == 1 ? $"bank-line:{line.Id}" : $"bank-line:{line.Id}:{n + 1}"), ct);
                if (!recorded.Succeeded)
                    return recorded.Problem!;
                db.Set<BankLinePosting>().Add(new BankLinePosting
                {
                    BankLineId = line.Id, CustomerId = customer.Id, PaymentId = recorded.Value!.Id, Amount = share.Amount, Automatic = automatic,
                    CreatedAt = now, CreatedBy = actor.Name,
                });
                await LearnAsync(line, customer.Id, now, ct);
            }
            line.Status = automatic ? BankLineStatus.Matched : BankLineStatus.Done;
            line.CustomerId = shares[0].CustomerId;
            line.SettledAt = now;
            line.SettledBy = actor.Name;
            AuditTrail.Record(db, actor, now, automatic ? "bank-line.matched" : "bank-line.confirmed", nameof(BankLine), line.Id, shares[0].CustomerId,
                after: new { line.Amount, Shares = shares });
            await db.SaveChangesAsync(ct);
            return line;
        }, ct);
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
                    && (d.Kind == DocumentKind.Invoice || d.Kind == DocumentKind.Fee || d.Kind == DocumentKind.Interest))
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
    /// Undoes a posted line: each allocation of its payments is reversed, then each payment, and the line waits again.
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
                .Where(a => a.CreditDocumentId == p.PaymentId && a.ReversesAllocationId == null
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

    /// <summary>Remembers the payer of a confirmed line (its IBAN, its name) for the customer, so the next line from them is recognised.</summary>
    async Task LearnAsync(BankLine line, long customerId, DateTimeOffset now, CancellationToken ct)
    {
        var payers = db.Set<BankPayer>();
        if (line.CounterpartyIban is { } iban && !await payers.AnyAsync(p => p.Iban == iban && p.CustomerId == customerId, ct))
            payers.Add(new BankPayer { CustomerId = customerId, Iban = iban, LearnedAt = now, LearnedBy = actor.Name });
        if (BankMatching.NameKey(line.CounterpartyName) is { } name && !await payers.AnyAsync(p => p.NameKey == name && p.CustomerId == customerId, ct))
            payers.Add(new BankPayer { CustomerId = customerId, NameKey = name, LearnedAt = now, LearnedBy = actor.Name });
    }

    static string Reference(BankLine line)
    {
        var text = BankText.Clean(line.Remittance is null ? line.Label : $"{line.Label} {line.Remittance}") ?? line.Label;
        return text.Length > 140 ? text[..140] : text;
    }

    async Task<BankLine?> LockAsync(long lineId, CancellationToken ct)
    {
        foreach (var tracked in db.ChangeTracker.Entries<BankLine>().Where(e => e.Entity.Id == lineId).ToList())
            tracked.State = EntityState.Detached;
        return await db.Set<BankLine>().FromSqlInterpolated($"select * from bank_lines where id = {lineId} for update").AsTracking().SingleOrDefaultAsync(ct);
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
