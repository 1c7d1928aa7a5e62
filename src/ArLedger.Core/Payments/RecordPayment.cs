using ArLedger.Audit;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

public sealed record AllocationInput(string InvoiceNumber, decimal Amount);

/// <summary>Records a payment received and, optionally, allocates it to invoices at once; the rest is unapplied cash.</summary>
public sealed record RecordPayment(
    string CustomerAccountNumber,
    decimal Amount,
    DateOnly ReceivedOn,
    DateOnly? ValueDate = null,
    PaymentMethod Method = PaymentMethod.Transfer,
    string? Reference = null,
    string? Number = null,
    IReadOnlyList<AllocationInput>? Allocations = null,
    string? ExternalId = null);

public sealed class RecordPaymentValidator : AbstractValidator<RecordPayment>
{
    public RecordPaymentValidator()
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.ReceivedOn).NotEmpty();
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.Reference).MaximumLength(140);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleForEach(x => x.Allocations).ChildRules(a =>
        {
            a.RuleFor(x => x.InvoiceNumber).NotEmpty();
            a.RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        });
        RuleFor(x => x).Must(x => x.Allocations is null || x.Allocations.Sum(a => a.Amount) <= x.Amount)
            .WithName("Allocations").WithMessage("The allocations add up to more than the payment.");
    }
}

public sealed class RecordPaymentHandler(ArLedgerDbContext db, TimeProvider clock, Actor actor, Allocations allocations)
{
    public const string Kind = "payment";

    public Task<Outcome<Payment>> HandleAsync(RecordPayment cmd, CancellationToken ct = default)
    {
        var validation = new RecordPaymentValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Payment>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, clock, Kind, cmd.ExternalId, cmd,
            () => RecordAsync(cmd, ct),
            async id => await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, ct),
            p => p.Id, ct);
    }

    async Task<Outcome<Payment>> RecordAsync(RecordPayment cmd, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == cmd.CustomerAccountNumber, ct);
        if (customer is null)
            return Problem.NotFound($"No customer with account number {cmd.CustomerAccountNumber}.");

        var now = clock.GetUtcNow();
        var payment = new Payment
        {
            CustomerId = customer.Id,
            Number = cmd.Number ?? await Posting.NextNumberAsync(db, DocumentKind.Payment, ct),
            ExternalId = cmd.ExternalId,
            DocumentDate = cmd.ReceivedOn,
            ValueDate = cmd.ValueDate ?? cmd.ReceivedOn,
            Currency = customer.Currency,
            Amount = cmd.Amount,
            Method = cmd.Method,
            Reference = cmd.Reference,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        // A payment counts from its value date: a payment entered today with last month's value date counts last month.
        db.LedgerEntries.Add(Posting.EntryFor(payment, payment.ValueDate, now, actor.Name, payment.Reference ?? payment.Number));
        AuditTrail.Record(db, actor, now, "payment.recorded", nameof(Payment), payment.Id, customer.Id,
            after: new { payment.Number, payment.Amount, payment.ValueDate, payment.Method, payment.Reference });
        await db.SaveChangesAsync(ct);

        var wanted = cmd.Allocations ?? [];
        var numbers = wanted.Select(a => a.InvoiceNumber).ToList();
        var invoiceIds = await db.Invoices.Where(i => numbers.Contains(i.Number) && i.CustomerId == customer.Id)
            .ToDictionaryAsync(i => i.Number, i => i.Id, ct);
        await Locks.DocumentsAsync(db, invoiceIds.Values, ct);
        for (var n = 0; n < wanted.Count; n++)
        {
            var a = wanted[n];
            if (!invoiceIds.TryGetValue(a.InvoiceNumber, out var invoiceId))
                return Problem.Refused($"Allocations[{n}].InvoiceNumber", $"No invoice {a.InvoiceNumber} for customer {customer.AccountNumber}.");
            var allocated = await allocations.AllocateAsync(new Allocate(invoiceId, payment.Id, a.Amount), ct);
            if (!allocated.Succeeded)
                return Locks.AtRow(allocated.Problem!, "Allocations", n);
        }
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct);
    }
}
