using ArLedger.Audit;
using ArLedger.Ledger;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

public sealed record AddressInput(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

/// <summary>Opens a customer account.</summary>
public sealed record CreateCustomer(
    string AccountNumber,
    string Name,
    string? LegalId = null,
    string? VatNumber = null,
    AddressInput? BillingAddress = null,
    string? StatementEmail = null,
    string? DunningEmail = null,
    string? Phone = null,
    string Language = "fr",
    string PaymentTerms = "NET30",
    decimal? CreditLimit = null,
    string Currency = "EUR",
    string? ExternalId = null,
    long? CollectorId = null,
    bool OnHold = false,
    string? OnHoldReason = null);

public sealed class CreateCustomerValidator : InputValidator<CreateCustomer>
{
    public CreateCustomerValidator()
    {
        RuleFor(x => x.AccountNumber).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9._-]+$");
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.StatementEmail).EmailAddress().When(x => !string.IsNullOrEmpty(x.StatementEmail));
        RuleFor(x => x.DunningEmail).EmailAddress().When(x => !string.IsNullOrEmpty(x.DunningEmail));
        RuleFor(x => x.Language).Must(l => l is "fr" or "en").WithMessage("The language must be fr or en.");
        RuleFor(x => x.PaymentTerms).NotEmpty();
        RuleFor(x => x.CreditLimit).GreaterThanOrEqualTo(0).PrecisionScale(14, 2, true);
        RuleFor(x => x.Currency).Must(Money.IsCurrencyCode).WithMessage("The currency must be an ISO 4217 code such as EUR.");
        RuleFor(x => x.BillingAddress!.Country).Must(Iso.IsCountryCode).When(x => !string.IsNullOrEmpty(x.BillingAddress?.Country))
            .OverridePropertyName("BillingAddress.Country").WithMessage("The country must be an ISO 3166 code such as FR.");
        RuleFor(x => x.ExternalId).MaximumLength(100);
        // Lengths a letter's window envelope, a statement's header and a phone dial still make sense of.
        RuleFor(x => x.LegalId).MaximumLength(40);
        RuleFor(x => x.VatNumber).MaximumLength(40);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.BillingAddress!.Line1).MaximumLength(200).OverridePropertyName("BillingAddress.Line1").When(x => x.BillingAddress is not null);
        RuleFor(x => x.BillingAddress!.Line2).MaximumLength(200).OverridePropertyName("BillingAddress.Line2").When(x => x.BillingAddress is not null);
        RuleFor(x => x.BillingAddress!.PostalCode).MaximumLength(20).OverridePropertyName("BillingAddress.PostalCode").When(x => x.BillingAddress is not null);
        RuleFor(x => x.BillingAddress!.City).MaximumLength(100).OverridePropertyName("BillingAddress.City").When(x => x.BillingAddress is not null);
        RuleFor(x => x.OnHoldReason).NotEmpty().When(x => x.OnHold).WithMessage("Say why the account is on hold.");
        RuleFor(x => x.OnHoldReason).MaximumLength(500);
    }
}

public sealed class CreateCustomerHandler(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string Kind = "customer";

    public Task<Outcome<Customer>> HandleAsync(CreateCustomer cmd, CancellationToken ct = default)
    {
        var validation = new CreateCustomerValidator().Validate(cmd);
        if (!validation.IsValid)
            return Task.FromResult<Outcome<Customer>>(Problem.FromValidation(validation));
        return ExternalRequests.OnceAsync(db, clock, Kind, cmd.ExternalId, cmd,
            () => CreateAsync(cmd, ct),
            async id => await db.Customers.AsNoTracking().Include(c => c.PaymentTerms).SingleAsync(c => c.Id == id, ct),
            c => c.Id, ct);
    }

    async Task<Outcome<Customer>> CreateAsync(CreateCustomer cmd, CancellationToken ct)
    {
        var terms = await db.PaymentTerms.SingleOrDefaultAsync(t => t.Code == cmd.PaymentTerms, ct);
        if (terms is null)
            return Problem.Invalid(nameof(cmd.PaymentTerms), $"Unknown payment terms '{cmd.PaymentTerms}'.");
        if (cmd.CollectorId is { } collector && !await db.Users.AnyAsync(u => u.Id == collector, ct))
            return Problem.Invalid(nameof(cmd.CollectorId), "Unknown collector.");
        if (await db.Customers.AnyAsync(c => c.AccountNumber == cmd.AccountNumber, ct))
            return Problem.Refused(nameof(cmd.AccountNumber), $"Account number {cmd.AccountNumber} is already used.");
        if (CreditLimits.Check(actor, null, cmd.CreditLimit) is { } limitRefused)
            return limitRefused;

        var a = cmd.BillingAddress;
        var customer = new Customer
        {
            AccountNumber = cmd.AccountNumber.Trim(),
            Name = cmd.Name.Trim(),
            LegalId = cmd.LegalId,
            VatNumber = cmd.VatNumber,
            BillingAddress = new Address { Line1 = a?.Line1, Line2 = a?.Line2, PostalCode = a?.PostalCode, City = a?.City, Country = a?.Country ?? "FR" },
            StatementEmail = cmd.StatementEmail,
            DunningEmail = cmd.DunningEmail,
            Phone = cmd.Phone,
            Language = cmd.Language,
            PaymentTermsId = terms.Id,
            PaymentTerms = terms,
            CreditLimit = cmd.CreditLimit,
            Currency = cmd.Currency,
            ExternalId = cmd.ExternalId,
            CollectorId = cmd.CollectorId,
            OnHold = cmd.OnHold,
            OnHoldReason = cmd.OnHold ? cmd.OnHoldReason?.Trim() : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        AuditTrail.Record(db, actor, clock.GetUtcNow(), "customer.created", nameof(Customer), customer.Id, customer.Id, after: cmd);
        await db.SaveChangesAsync(ct);
        return customer;
    }
}
