using ArLedger.Audit;
using ArLedger.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ArLedger.Customers;

/// <summary>
/// Changes a customer's details. The account number names the customer and does not change. <c>Version</c> is the
/// <see cref="CustomerDetails.Version()"/> the editor started from: if someone saved the customer since, the change is
/// refused (optimistic concurrency) rather than overwriting theirs.
/// </summary>
public sealed record UpdateCustomer(
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
    long? CollectorId = null,
    bool OnHold = false,
    string? OnHoldReason = null,
    string? Version = null)
{
    /// <summary>The same fields as a creation, so one validator says what a valid customer is.</summary>
    public CreateCustomer AsCreate() => new(AccountNumber, Name, LegalId, VatNumber, BillingAddress, StatementEmail, DunningEmail,
        Phone, Language, PaymentTerms, CreditLimit, Currency, null, CollectorId, OnHold, OnHoldReason);
}

/// <summary>A customer's details as the audit trail keeps them, before and after a change.</summary>
public sealed record CustomerDetails(string AccountNumber, string Name, string? LegalId, string? VatNumber, AddressInput BillingAddress,
    string? StatementEmail, string? DunningEmail, string? Phone, string Language, string? PaymentTerms, decimal? CreditLimit,
    string Currency, long? CollectorId, bool OnHold, string? OnHoldReason)
{
    public static CustomerDetails Of(Customer c) => new(c.AccountNumber, c.Name, c.LegalId, c.VatNumber,
        new AddressInput(c.BillingAddress.Line1, c.BillingAddress.Line2, c.BillingAddress.PostalCode, c.BillingAddress.City, c.BillingAddress.Country),
        c.StatementEmail, c.DunningEmail, c.Phone, c.Language, c.PaymentTerms?.Code, c.CreditLimit, c.Currency, c.CollectorId,
        c.OnHold, c.OnHoldReason);

    /// <summary>A short fingerprint of these details, the version an edit starts from: it changes whenever any of them does.</summary>
    public string Version() => Ledger.ExternalRequests.Hash(this)[..16];
}

public sealed class UpdateCustomerHandler(ArLedgerDbContext db, TimeProvider clock, Actor actor)
{
    public const string StaleMessage = "Someone saved this customer after you opened it: their values are shown beside yours. Save again to keep yours.";

    public async Task<Outcome<Customer>> HandleAsync(UpdateCustomer cmd, CancellationToken ct = default)
    {
        var validation = new CreateCustomerValidator().Validate(cmd.AsCreate());
        if (!validation.IsValid)
            return Problem.FromValidation(validation);
        return await db.InTransactionAsync(() => UpdateAsync(cmd, ct), ct);
    }

    async Task<Outcome<Customer>> UpdateAsync(UpdateCustomer cmd, CancellationToken ct)
    {
        // The row lock keeps two editors from each writing an audit "before" the other one overwrote.
        var customer = await db.Customers.FromSql($"select * from customers where account_number = {cmd.AccountNumber} for update")
            .Include(c => c.PaymentTerms).SingleOrDefaultAsync(ct);
        if (customer is null)
            return Problem.NotFound($"No customer with account number {cmd.AccountNumber}.");
        if (cmd.Version is { } version && version != CustomerDetails.Of(customer).Version())
            return Problem.Conflict(StaleMessage);
        var terms = await db.PaymentTerms.SingleOrDefaultAsync(t => t.Code == cmd.PaymentTerms, ct);
        if (terms is null)
            return Problem.Invalid(nameof(cmd.PaymentTerms), $"Unknown payment terms '{cmd.PaymentTerms}'.");
        if (cmd.CollectorId is { } collector && collector != customer.CollectorId && !await db.Users.AnyAsync(u => u.Id == collector, ct))
            return Problem.Invalid(nameof(cmd.CollectorId), "Unknown collector.");
        if (cmd.Currency != customer.Currency && await db.Documents.AnyAsync(d => d.CustomerId == customer.Id, ct))
            return Problem.Refused(nameof(cmd.Currency), "The currency cannot change once the account has documents.");
        if (CreditLimits.Check(actor, customer.CreditLimit, cmd.CreditLimit) is { } limitRefused)
            return limitRefused;

        var before = CustomerDetails.Of(customer);
        var a = cmd.BillingAddress;
        customer.Name = cmd.Name.Trim();
        customer.LegalId = cmd.LegalId?.Trim();
        customer.VatNumber = cmd.VatNumber?.Trim();
        customer.BillingAddress.Line1 = a?.Line1;
        customer.BillingAddress.Line2 = a?.Line2;
        customer.BillingAddress.PostalCode = a?.PostalCode;
        customer.BillingAddress.City = a?.City;
        customer.BillingAddress.Country = string.IsNullOrWhiteSpace(a?.Country) ? "FR" : a.Country.Trim().ToUpperInvariant();
        customer.StatementEmail = cmd.StatementEmail?.Trim();
        customer.DunningEmail = cmd.DunningEmail?.Trim();
        customer.Phone = cmd.Phone?.Trim();
        customer.Language = cmd.Language;
        customer.PaymentTermsId = terms.Id;
        customer.PaymentTerms = terms;
        customer.CreditLimit = cmd.CreditLimit;
        customer.Currency = cmd.Currency;
        customer.CollectorId = cmd.CollectorId;
        customer.OnHold = cmd.OnHold;
        customer.OnHoldReason = cmd.OnHold ? cmd.OnHoldReason?.Trim() : null;
        var after = CustomerDetails.Of(customer);
        if (after == before)
            return customer;

        AuditTrail.Record(db, actor, clock.GetUtcNow(), "customer.updated", nameof(Customer), customer.Id, customer.Id, before, after);
        await db.SaveChangesAsync(ct);
        return customer;
    }
}
