using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using System.ComponentModel;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Invoices;

public sealed record LineInput(string Description, decimal Quantity, decimal UnitPrice, decimal VatRate);

/// <summary>
/// Posts an invoice from lines (totals computed here, rounded per line) or from totals given by a billing system.
/// The due date comes from the customer's payment terms unless given.
/// </summary>
public sealed record PostInvoice(
    string CustomerAccountNumber,
    DateOnly InvoiceDate,
    IReadOnlyList<LineInput>? Lines = null,
    decimal? NetAmount = null,
    decimal? VatAmount = null,
    string? Number = null,
    DateOnly? DueDate = null,
    string? Reference = null,
    string? Description = null,
    string? ExternalId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description(Money.StatedCurrencyDescription)] string? Currency = null) : IDocumentAmounts;

public sealed class PostInvoiceValidator : InputValidator<PostInvoice>
{
    public PostInvoiceValidator(DateWindow window)
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.InvoiceDate).NotEmpty().Within(window);
        RuleFor(x => x.DueDate).Within(window with { Latest = window.Latest.AddYears(1) });
        RuleFor(x => x.Number).MaximumLength(40);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        // As the invoice form takes them.
        RuleFor(x => x.Reference).MaximumLength(140);
        RuleFor(x => x.Description).MaximumLength(500);
        RuleFor(x => x.DueDate).GreaterThanOrEqualTo(x => x.InvoiceDate).When(x => x.DueDate is not null);
        Include(new DocumentAmountsValidator());
        RuleFor(x => x.Currency).MustBeCurrencyCode();
    }
}

public sealed class PostInvoiceHandler(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor)
{
    public const string Kind = "invoice";

    readonly TimeProvider clock = calendar.Clock;

    /// <summary>The rules an invoice is checked by today (imports check a row with them first).</summary>
    public PostInvoiceValidator Validator => new(calendar.Window);

    public Task<Outcome<Invoice>> HandleAsync(PostInvoice cmd, CancellationToken ct = default)
    {
        var validation = Validator.Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Invoice>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, clock, Kind, cmd.ExternalId, cmd,
            () => PostAsync(cmd, ct),
            async id => await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id, ct),
            i => i.Id, ct);
    }

    async Task<Outcome<Invoice>> PostAsync(PostInvoice cmd, CancellationToken ct)
    {
        var customer = await db.Customers.Include(c => c.PaymentTerms).SingleOrDefaultAsync(c => c.AccountNumber == cmd.CustomerAccountNumber, ct);
        if (customer is null)
            return Problem.NotFound(nameof(cmd.CustomerAccountNumber), $"No customer with account number {cmd.CustomerAccountNumber}.");
        if (Money.StatedCurrencyRefusal(nameof(cmd.Currency), cmd.Currency, customer.Currency) is { } currency)
            return currency;
        if (cmd.Number is not null && await db.Invoices.AnyAsync(i => i.Number == cmd.Number, ct))
            return Problem.Refused(nameof(cmd.Number), $"Invoice number {cmd.Number} is already used.");

        var (lines, net, vat) = DocumentAmountsValidator.Totals(cmd);
        var now = clock.GetUtcNow();
        var invoice = new Invoice
        {
            CustomerId = customer.Id,
            Number = cmd.Number ?? await Posting.NextNumberAsync(db, DocumentKind.Invoice, ct),
            ExternalId = cmd.ExternalId,
            DocumentDate = cmd.InvoiceDate,
            DueDate = cmd.DueDate ?? customer.PaymentTerms!.DueDate(cmd.InvoiceDate),
            Currency = customer.Currency,
            NetAmount = net,
            VatAmount = vat,
            Amount = net + vat,
            Reference = cmd.Reference,
            Description = cmd.Description,
            Lines = lines,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.Add(Posting.EntryFor(invoice, invoice.DocumentDate, now, actor.Name, invoice.Number));
        AuditTrail.Record(db, actor, now, "invoice.posted", nameof(Invoice), invoice.Id, customer.Id,
            after: new { invoice.Number, invoice.DocumentDate, invoice.DueDate, invoice.NetAmount, invoice.VatAmount, invoice.Amount });
        await db.SaveChangesAsync(ct);
        return invoice;
    }
}
