using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Ledger;

/// <summary>Lettrage: applies part of a credit document (payment, credit note) to a debit document (invoice, fee).</summary>
public sealed record Allocate(long DebitDocumentId, long CreditDocumentId, decimal Amount, DateOnly? Date = null, string? ExternalId = null);

/// <summary>Undoes an allocation by a reversing allocation; the original row stays.</summary>
public sealed record ReverseAllocation(long AllocationId, string Reason, DateOnly? Date = null);

public sealed class AllocateValidator : InputValidator<Allocate>
{
    public AllocateValidator(DateWindow window)
    {
        RuleFor(x => x.Date).Within(window);
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.DebitDocumentId).GreaterThan(0);
        RuleFor(x => x.CreditDocumentId).GreaterThan(0);
        RuleFor(x => x.ExternalId).MaximumLength(100);
    }
}

/// <summary>
/// Allocations lock both documents (in id order, so two allocations never deadlock) and check the open amounts
/// under the lock: two clerks allocating the same payment at once can never over-allocate it.
/// </summary>
public sealed class Allocations(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string Kind = "allocation";

    public Task<Outcome<Allocation>> AllocateAsync(Allocate cmd, CancellationToken ct = default)
    {
        var validation = new AllocateValidator(calendar.Window).Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Allocation>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, calendar.Clock, Kind, cmd.ExternalId, cmd,
            () => AllocateLockedAsync(cmd, ct),
            async id => await db.Allocations.AsNoTracking().SingleAsync(a => a.Id == id, ct),
            a => a.Id, ct);
    }

    async Task<Outcome<Allocation>> AllocateLockedAsync(Allocate cmd, CancellationToken ct)
    {
        var docs = await LockAsync([cmd.DebitDocumentId, cmd.CreditDocumentId], ct);
        var debit = docs.SingleOrDefault(d => d.Id == cmd.DebitDocumentId);
        var credit = docs.SingleOrDefault(d => d.Id == cmd.CreditDocumentId);
        if (debit is null || !debit.IsDebit)
            return Problem.NotFound($"No invoice or fee with id {cmd.DebitDocumentId}.");
        if (credit is null || credit.IsDebit)
            return Problem.NotFound($"No payment or credit note with id {cmd.CreditDocumentId}.");
        if (debit.CustomerId != credit.CustomerId)
            return Problem.Refused("Both documents must belong to the same customer.");
        if (debit.Currency != credit.Currency)
            return Problem.Refused($"Cannot allocate {credit.Currency} to {debit.Currency}.");
        if (debit.IsReversed || credit.IsReversed)
            return Problem.Refused("A reversed document cannot be allocated.");
        if (cmd.Amount > debit.OpenAmount)
            return Problem.Refused(nameof(cmd.Amount), $"{cmd.Amount} is over the open amount {debit.OpenAmount} of {debit.Number}.");
        if (cmd.Amount > credit.OpenAmount)
            return Problem.Refused(nameof(cmd.Amount), $"{cmd.Amount} is over the unapplied amount {credit.OpenAmount} of {credit.Number}.");

        // An allocation counts from when both documents exist (a payment from its value date), unless a later date is given.
        var earliest = EarliestDate(debit, credit);
        if (cmd.Date is { } given && given < earliest)
            return Problem.Invalid(nameof(cmd.Date), $"An allocation cannot be dated before {earliest:yyyy-MM-dd}, when both documents exist.");

        var now = calendar.Now;
        var allocation = NewAllocation(debit, credit, cmd.Amount, cmd.Date ?? earliest, cmd.ExternalId, now, actor.Name);
        debit.AllocatedAmount += cmd.Amount;
        credit.AllocatedAmount += cmd.Amount;
        db.Allocations.Add(allocation);
        await db.SaveChangesAsync(ct);
        db.AuditEvents.Add(CreatedEvent(allocation, debit, credit, now, actor));
        await db.SaveChangesAsync(ct);
        return allocation;
    }

    public Task<Outcome<Allocation>> ReverseAsync(ReverseAllocation cmd, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason))
            return Task.FromResult<Outcome<Allocation>>(Problem.Invalid(nameof(cmd.Reason), "A reason is required to reverse an allocation."));
        return db.InTransactionAsync(() => ReverseLockedAsync(cmd, ct), ct);
    }

    async Task<Outcome<Allocation>> ReverseLockedAsync(ReverseAllocation cmd, CancellationToken ct)
    {
        var original = await db.Allocations.AsNoTracking().SingleOrDefaultAsync(a => a.Id == cmd.AllocationId, ct);
        if (original is null || original.ReversesAllocationId is not null)
            return Problem.NotFound($"No allocation with id {cmd.AllocationId}.");
        var docs = await LockAsync([original.DebitDocumentId, original.CreditDocumentId], ct);
        // Reversing twice is a retried request: answer with the reversal made the first time.
        var earlier = await db.Allocations.AsNoTracking().SingleOrDefaultAsync(a => a.ReversesAllocationId == original.Id, ct);
        if (earlier is not null)
            return Outcome<Allocation>.Replay(earlier);

        var now = calendar.Now;
        var today = calendar.DateOf(now);
        // A reversal dated before its allocation would undo what was not yet done; one dated ahead, what is not yet known.
        if (cmd.Date is { } asked && asked < original.AllocationDate)
            return Problem.Refused(nameof(cmd.Date), $"A reversal is dated on or after the allocation's date, {original.AllocationDate}.");
        if (cmd.Date > today)
            return Problem.Refused(nameof(cmd.Date), $"A reversal cannot be dated after today, {today}.");
        var reversal = new Allocation
        {
            CustomerId = original.CustomerId,
            DebitDocumentId = original.DebitDocumentId,
            CreditDocumentId = original.CreditDocumentId,
            Amount = -original.Amount,
            AllocationDate = cmd.Date ?? Later(today, original.AllocationDate),
            ReversesAllocationId = original.Id,
            Reason = cmd.Reason,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        foreach (var doc in docs)
            doc.AllocatedAmount -= original.Amount;
        db.Allocations.Add(reversal);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "allocation.reversed", nameof(Allocation), original.Id, original.CustomerId,
            before: new { original.Amount }, after: new { reversal.Id, cmd.Reason });
        await db.SaveChangesAsync(ct);
        return reversal;
    }

    /// <summary>Locks the documents for the rest of the transaction and returns them as they are now.</summary>
    async Task<List<Document>> LockAsync(long[] ids, CancellationToken ct)
    {
        // A copy already tracked by this context may be stale; the locked row is the truth.
        foreach (var tracked in db.ChangeTracker.Entries<Document>().Where(e => ids.Contains(e.Entity.Id)).ToList())
            tracked.State = EntityState.Detached;
        var a = ids.Min();
        var b = ids.Max();
        await BalanceLocks.ForDocumentsAsync(db, [a, b], ct);
        return await db.Documents
            .FromSqlInterpolated($"select * from documents where id in ({a}, {b}) order by id for update")
            .AsTracking()
            .ToListAsync(ct);
    }

    // The rows of an allocation, built here and only here: the bank's batch posting writes the same ones in sets.

    internal static Allocation NewAllocation(Document debit, Document credit, decimal amount, DateOnly date, string? externalId, DateTimeOffset now,
        string actor) => new()
    {
        CustomerId = debit.CustomerId,
        DebitDocumentId = debit.Id,
        CreditDocumentId = credit.Id,
        Amount = amount,
        AllocationDate = date,
        ExternalId = externalId,
        CreatedAt = now,
        CreatedBy = actor,
    };

    internal static AuditEvent CreatedEvent(Allocation allocation, Document debit, Document credit, DateTimeOffset now, Actor actor) =>
        AuditTrail.Event(actor, now, "allocation.created", nameof(Allocation), allocation.Id, debit.CustomerId,
            after: new { Debit = debit.Number, Credit = credit.Number, allocation.Amount, allocation.AllocationDate });

    /// <summary>An allocation counts from when both documents exist (a payment from its value date).</summary>
    internal static DateOnly EarliestDate(Document debit, Document credit) => Later(debit.DocumentDate, EffectiveDate(credit));

    static DateOnly EffectiveDate(Document d) => d is Payments.Payment p ? p.ValueDate : d.DocumentDate;
    static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
