using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using System.ComponentModel;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Invoices;

/// <summary>
/// Posts a credit note (avoir), from lines or totals. Against an invoice it is allocated to that invoice at once,
/// up to the invoice's open amount; on account it stays unapplied until a clerk applies it. Above a limit, or above
/// what the invoice can still be credited, only a manager posts it (<see cref="CreditNoteApproval"/>).
/// </summary>
public sealed record PostCreditNote(
    string CustomerAccountNumber,
    DateOnly CreditNoteDate,
    string? InvoiceNumber = null,
    IReadOnlyList<LineInput>? Lines = null,
    decimal? NetAmount = null,
    decimal? VatAmount = null,
    string? Number = null,
    string? Reason = null,
    string? ExternalId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description(Money.StatedCurrencyDescription)] string? Currency = null) : IDocumentAmounts;

public sealed class PostCreditNoteValidator : InputValidator<PostCreditNote>
{
    public PostCreditNoteValidator(DateWindow window)
    {
        RuleFor(x => x.CustomerAccountNumber).NotEmpty();
        RuleFor(x => x.CreditNoteDate).NotEmpty().Within(window);
        RuleFor(x => x.Number).MaximumLength(40);
        RuleFor(x => x.ExternalId).MaximumLength(100);
        Include(new DocumentAmountsValidator());
        RuleFor(x => x.Currency).MustBeCurrencyCode();
    }
}

public sealed class PostCreditNoteHandler(ArLedgerDbContext db, BusinessCalendar calendar, Actor actor, Allocations allocations,
    CreditNoteOptions? options = null)
{
    public const string Kind = "credit-note";

    readonly TimeProvider clock = calendar.Clock;

    public Task<Outcome<CreditNote>> HandleAsync(PostCreditNote cmd, CancellationToken ct = default)
    {
        var validation = new PostCreditNoteValidator(calendar.Window).Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<CreditNote>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, clock, Kind, cmd.ExternalId, cmd,
            () => PostAsync(cmd, ct),
            async id => await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == id, ct),
            c => c.Id, ct);
    }

    async Task<Outcome<CreditNote>> PostAsync(PostCreditNote cmd, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.AccountNumber == cmd.CustomerAccountNumber, ct);
        if (customer is null)
            return Problem.NotFound(nameof(cmd.CustomerAccountNumber), $"No customer with account number {cmd.CustomerAccountNumber}.");
        if (Money.StatedCurrencyRefusal(nameof(cmd.Currency), cmd.Currency, customer.Currency) is { } currency)
            return currency;
        Invoice? invoice = null;
        if (cmd.InvoiceNumber is not null)
        {
            invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == cmd.InvoiceNumber && i.CustomerId == customer.Id, ct);
            if (invoice is null)
                return Problem.Refused(nameof(cmd.InvoiceNumber), $"No invoice {cmd.InvoiceNumber} for customer {customer.AccountNumber}.");
        }
        if (cmd.Number is not null && await db.CreditNotes.AnyAsync(c => c.Number == cmd.Number, ct))
            return Problem.Refused(nameof(cmd.Number), $"Credit note number {cmd.Number} is already used.");

        var (lines, net, vat) = DocumentAmountsValidator.Totals(cmd);
        if (await CreditNoteApproval.CheckAsync(db, actor, options ?? new CreditNoteOptions(), net + vat, invoice, ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow();
        var note = new CreditNote
        {
            CustomerId = customer.Id,
            Number = cmd.Number ?? await Posting.NextNumberAsync(db, DocumentKind.CreditNote, ct),
            ExternalId = cmd.ExternalId,
            DocumentDate = cmd.CreditNoteDate,
            Currency = customer.Currency,
            InvoiceId = invoice?.Id,
            NetAmount = net,
            VatAmount = vat,
            Amount = net + vat,
            Description = cmd.Reason,
            Lines = lines,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        db.CreditNotes.Add(note);
        await db.SaveChangesAsync(ct);
        db.LedgerEntries.Add(Posting.EntryFor(note, note.DocumentDate, now, actor.Name, note.Number));
        AuditTrail.Record(db, actor, now, "credit-note.posted", nameof(CreditNote), note.Id, customer.Id,
            after: new { note.Number, note.DocumentDate, Invoice = cmd.InvoiceNumber, note.NetAmount, note.VatAmount, note.Amount });
        await db.SaveChangesAsync(ct);

        if (invoice is not null && invoice.OpenAmount > 0)
        {
            var amount = Math.Min(invoice.OpenAmount, note.Amount);
            var allocated = await allocations.AllocateAsync(new Allocate(invoice.Id, note.Id, amount), ct);
            if (!allocated.Succeeded)
                return allocated.Problem!;
        }
        return await db.CreditNotes.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == note.Id, ct);
    }
}
