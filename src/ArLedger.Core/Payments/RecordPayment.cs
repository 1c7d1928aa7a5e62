using System.ComponentModel;
using System.Text.Json.Serialization;
using ArLedger.Audit;
using ArLedger.Customers;
using ArLedger.Invoices;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Payments;

/// <summary>
/// Part of a payment to allocate to one debit: an invoice by its number, or a fee or interest document when
/// <paramref name="Kind"/> says so (numbers are unique per kind only). An invoice's kind is left out of the body an
/// external id remembers, so requests remembered before fees and interest could be named still replay.
/// </summary>
public sealed record AllocationInput(string InvoiceNumber, decimal Amount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] DocumentKind Kind = DocumentKind.Invoice);

/// <summary>Records a payment received and, optionally, allocates it to invoices, fees or interest at once; the rest is unapplied cash.</summary>
public sealed record RecordPayment(
    string CustomerAccountNumber,
    decimal Amount,
    DateOnly ReceivedOn,
    DateOnly? ValueDate = null,
    PaymentMethod Method = PaymentMethod.Transfer,
    string? Reference = null,
    string? Number = null,
    IReadOnlyList<AllocationInput>? Allocations = null,
    string? ExternalId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description(Money.StatedCurrencyDescription)] string? Currency = null);

public sealed class RecordPaymentValidator : InputValidator<RecordPayment>
{
    public RecordPaymentValidator(DateWindow window)
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        // Money is not received in the future: a few days ahead at most, for a transfer the bank announces early.
        RuleFor(x => x.ReceivedOn).NotEmpty().InclusiveBetween(window.Earliest, window.LatestReceipt);
        RuleFor(x => x.ValueDate).Within(window);
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.Reference).MaximumLength(140);
        RuleFor(x => x.Number).MaximumLength(40);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        RuleFor(x => x.Currency).MustBeCurrencyCode();
        RuleForEach(x => x.Allocations).ChildRules(a =>
        {
            a.RuleFor(x => x.InvoiceNumber).NotEmpty();
            a.RuleFor(x => x.Kind).Must(k => k.IsDebit())
                .WithMessage("Allocate to an invoice, a fee, interest or a refund.");
            a.RuleFor(x => x.Amount).GreaterThan(0).PrecisionScale(14, 2, true);
        });
        RuleFor(x => x).Must(x => x.Allocations is null || x.Allocations.Sum(a => a.Amount) <= x.Amount)
            .WithName("Allocations").WithMessage("The allocations add up to more than the payment.");
    }
}

public sealed class RecordPaymentHandler(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, Allocations allocations)
{
    public const string Kind = "payment";

    readonly TimeProvider clock = calendar.Clock;

    /// <summary>The rules a payment is checked by today (imports check a row with them first).</summary>
    public RecordPaymentValidator Validator => new(calendar.Window);

    public Task<Outcome<Payment>> HandleAsync(RecordPayment cmd, CancellationToken ct = default)
    {
        var validation = Validator.Validate(cmd);
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
            return Problem.NotFound(nameof(cmd.CustomerAccountNumber), $"No customer with account number {cmd.CustomerAccountNumber}.");
        if (Money.StatedCurrencyRefusal(nameof(cmd.Currency), cmd.Currency, customer.Currency) is { } currency)
            return currency;

        var now = clock.GetUtcNow();
        var payment = NewPayment(cmd, customer, cmd.Number ?? await Posting.NextNumberAsync(db, DocumentKind.Payment, ct), now, actor.Name);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.Add(EntryOf(payment, now, actor.Name));
        db.AuditEvents.Add(RecordedEvent(payment, now, actor));
        await db.SaveChangesAsync(ct);

        var wanted = cmd.Allocations ?? [];
        var numbers = wanted.Select(a => a.InvoiceNumber).ToList();
        var debitIds = await db.Documents.OfType<DebitDocument>().Where(d => numbers.Contains(d.Number) && d.CustomerId == customer.Id)
            .Select(d => new { d.Kind, d.Number, d.Id }).ToDictionaryAsync(d => (d.Kind, d.Number), d => d.Id, ct);
        await Locks.DocumentsAsync(db, debitIds.Values, ct);
        for (var n = 0; n < wanted.Count; n++)
        {
            var a = wanted[n];
            if (!debitIds.TryGetValue((a.Kind, a.InvoiceNumber), out var debitId))
                return Problem.Refused($"Allocations[{n}].InvoiceNumber",
                    $"No {a.Kind.ToString().ToLowerInvariant()} {a.InvoiceNumber} for customer {customer.AccountNumber}.");
            var allocated = await allocations.AllocateAsync(new Allocate(debitId, payment.Id, a.Amount), ct);
            if (!allocated.Succeeded)
                return Locks.AtRow(allocated.Problem!, "Allocations", n);
        }
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct);
    }

    // The rows of a recorded payment, built here and only here: the bank's batch posting writes the same ones in sets.

    internal static Payment NewPayment(RecordPayment cmd, Customer customer, string number, DateTimeOffset now, string actor) => new()
    {
        CustomerId = customer.Id,
        Number = number,
        ExternalId = cmd.ExternalId,
        DocumentDate = cmd.ReceivedOn,
        ValueDate = cmd.ValueDate ?? cmd.ReceivedOn,
        Currency = customer.Currency,
        Amount = cmd.Amount,
        Method = cmd.Method,
        Reference = cmd.Reference,
        CreatedAt = now,
        CreatedBy = actor,
    };

    /// <summary>A payment counts from its value date: a payment entered today with last month's value date counts last month.</summary>
    internal static LedgerEntry EntryOf(Payment payment, DateTimeOffset now, string actor) =>
        Posting.EntryFor(payment, payment.ValueDate, now, actor, payment.Reference ?? payment.Number);

    internal static AuditEvent RecordedEvent(Payment payment, DateTimeOffset now, Actor actor) =>
        AuditTrail.Event(actor, now, "payment.recorded", nameof(Payment), payment.Id, payment.CustomerId,
            after: new { payment.Number, payment.Amount, payment.ValueDate, payment.Method, payment.Reference });
}
