using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Promises;

/// <summary>A customer promises to pay an amount by a date, for some of their invoices or on account.</summary>
public sealed record LogPromise(string CustomerAccountNumber, decimal Amount, DateOnly PromisedDate,
    IReadOnlyList<string>? InvoiceNumbers = null, string? Note = null);

public sealed record CancelPromise(long PromiseId, string Reason);

public sealed class LogPromiseValidator : InputValidator<LogPromise>
{
    public LogPromiseValidator()
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.PromisedDate).NotEmpty();
        RuleFor(x => x.Note).MaximumLength(2000);
        RuleForEach(x => x.InvoiceNumbers).NotEmpty();
    }
}

/// <summary>Logging and withdrawing promises to pay; <see cref="PromiseReview"/> decides whether they were kept.</summary>
public sealed class PromisesToPay(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string PastDate = "The promised date cannot be in the past.";
    public const string OverOpenAmount = "The promise is more than the open amount of the chosen invoices.";
    public const string NotOpenInvoice = "Pick open invoices of this customer.";
    public const string ReasonRequired = "Say why the promise is withdrawn.";

    public Task<Outcome<Promise>> LogAsync(LogPromise cmd, CancellationToken ct = default)
    {
        var validation = new LogPromiseValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Promise>>(Problem.FromValidation(validation));
        return db.InTransactionAsync(() => LogCoreAsync(cmd, ct), ct);
    }

    async Task<Outcome<Promise>> LogCoreAsync(LogPromise cmd, CancellationToken ct)
    {
        var now = calendar.Now;
        var today = calendar.DateOf(now);
        if (cmd.PromisedDate < today)
            return Problem.Invalid(nameof(cmd.PromisedDate), PastDate);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == cmd.CustomerAccountNumber, ct);
        if (customer is null)
            return Problem.NotFound($"No customer with account number {cmd.CustomerAccountNumber}.");

        var numbers = (cmd.InvoiceNumbers ?? []).Distinct(StringComparer.Ordinal).ToList();
        var invoices = await db.Invoices.AsNoTracking()
            .Where(d => d.CustomerId == customer.Id && numbers.Contains(d.Number) && d.ReversedAt == null)
            .ToListAsync(ct);
        if (invoices.Count != numbers.Count || invoices.Any(i => i.OpenAmount <= 0))
            return Problem.Invalid(nameof(cmd.InvoiceNumbers), NotOpenInvoice);
        if (invoices.Count > 0 && cmd.Amount > invoices.Sum(i => i.OpenAmount))
            return Problem.Invalid(nameof(cmd.Amount), OverOpenAmount);

        var promise = new Promise
        {
            CustomerId = customer.Id,
            Amount = cmd.Amount,
            Currency = customer.Currency,
            MadeOn = today,
            PromisedDate = cmd.PromisedDate,
            Status = PromiseStatus.Pending,
            Note = string.IsNullOrWhiteSpace(cmd.Note) ? null : cmd.Note.Trim(),
            CreatedAt = now,
            CreatedBy = actor.Name,
            Invoices = invoices.Select(i => new PromiseInvoice { InvoiceId = i.Id }).ToList(),
        };
        db.Promises.Add(promise);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, now, "promise.logged", nameof(Promise), promise.Id, customer.Id,
            after: new { promise.Amount, promise.PromisedDate, Invoices = invoices.Select(i => i.Number).ToList(), promise.Note });
        await db.SaveChangesAsync(ct);
        return promise;
    }

    public Task<Outcome<Promise>> CancelAsync(CancelPromise cmd, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason))
            return Task.FromResult<Outcome<Promise>>(Problem.Invalid(nameof(cmd.Reason), ReasonRequired));
        return db.InTransactionAsync(() => CancelCoreAsync(cmd, ct), ct);
    }

    async Task<Outcome<Promise>> CancelCoreAsync(CancelPromise cmd, CancellationToken ct)
    {
        var promise = await db.Promises.ForUpdate(cmd.PromiseId).SingleOrDefaultAsync(ct);
        if (promise is null)
            return Problem.NotFound($"No promise with id {cmd.PromiseId}.");
        if (promise.Status != PromiseStatus.Pending)
            return Problem.Refused($"Promise {promise.Id} is already {promise.Status.ToString().ToLowerInvariant()}.");
        var now = calendar.Now;
        promise.Status = PromiseStatus.Cancelled;
        promise.DecidedAt = now;
        AuditTrail.Record(db, actor, now, "promise.cancelled", nameof(Promise), promise.Id, promise.CustomerId,
            before: new { Status = PromiseStatus.Pending }, after: new { promise.Status, cmd.Reason });
        await db.SaveChangesAsync(ct);
        return promise;
    }
}
